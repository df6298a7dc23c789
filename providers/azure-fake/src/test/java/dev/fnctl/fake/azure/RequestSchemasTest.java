package dev.fnctl.fake.azure;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The OpenAPI excerpts refuse unknown properties wherever they sit, and nothing else. */
class RequestSchemasTest {
  final RequestSchemas schemas = new RequestSchemas();

  @Test
  void refusesAMisspeltPropertyWithItsPathAndType() {
    var body =
        Json.parse(
            "{\"location\":\"westeurope\",\"properties\":{\"functionAppConfig\":{\"runtime\":{\"name\":\"python\",\"verison\":\"3.11\"}}}}");
    var e = assertThrows(ArmException.class, () -> schemas.check("web", "Site", body));
    assertEquals(400, e.status);
    assertEquals("InvalidRequestContent", e.code);
    assertTrue(
        e.getMessage().contains("'verison' on object of type 'FunctionsRuntime'"), e.getMessage());
    assertTrue(
        e.getMessage().contains("Path 'properties.functionAppConfig.runtime.verison'"),
        e.getMessage());
  }

  @Test
  void walksArraysAndMapsOfDefinitions() {
    var array =
        Json.parse(
            "{\"properties\":{\"siteConfig\":{\"appSettings\":[{\"name\":\"a\",\"value\":\"b\",\"slotSetting\":true}]}}}");
    var e = assertThrows(ArmException.class, () -> schemas.check("web", "Site", array));
    assertTrue(
        e.getMessage().contains("properties.siteConfig.appSettings[0].slotSetting"),
        e.getMessage());
    var map =
        Json.parse(
            "{\"properties\":{\"notifications\":{\"n1\":{\"enabled\":true,\"treshold\":80}}}}");
    var m = assertThrows(ArmException.class, () -> schemas.check("consumption", "Budget", map));
    assertTrue(m.getMessage().contains("properties.notifications.n1.treshold"), m.getMessage());
  }

  @Test
  void acceptsFreeFormValuesAndAnyTagOrSettingName() {
    assertDoesNotThrow(
        () ->
            schemas.check(
                "web",
                "StringDictionary",
                Json.parse("{\"properties\":{\"ANY_NAME\":\"x\",\"Other\":\"y\"}}")));
    assertDoesNotThrow(
        () ->
            schemas.check(
                "resources",
                "ResourceGroup",
                Json.parse("{\"location\":\"westeurope\",\"tags\":{\"fnctl-stack\":\"orders\"}}")));
    assertDoesNotThrow(
        () ->
            schemas.check(
                "storage",
                "StorageAccountCreateParameters",
                Json.parse(
                    "{\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\",\"location\":\"westeurope\",\"properties\":{\"networkAcls\":{\"defaultAction\":\"Deny\",\"anything\":[1]}}}")));
  }

  @Test
  void everySchemaFileNamesItsSource() {
    for (var provider :
        new String[] {
          "web",
          "storage",
          "resources",
          "authorization",
          "consumption",
          "eventgrid",
          "identity",
          "keyvault"
        }) {
      var in = RequestSchemas.class.getResourceAsStream("schemas/" + provider + ".json");
      var file = Json.read(in);
      assertTrue(
          file.path("x-source").path("paths").size() > 0, provider + ".json names no source");
      file.path("x-source")
          .path("paths")
          .forEach(
              p ->
                  assertTrue(
                      p.asText().startsWith("specification/")
                          || p.asText().startsWith("CommonDefinitions")
                          || p.asText().startsWith("the same"),
                      provider + ": " + p));
    }
  }
}
