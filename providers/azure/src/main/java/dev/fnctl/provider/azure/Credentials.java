package dev.fnctl.provider.azure;

/** What to tell the user when no Azure credential works. */
final class Credentials {
  private Credentials() {}

  static String explain(String detail) {
    return "no usable Azure credentials (DefaultAzureCredential found none that works): sign in with"
        + " `az login`, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET (or a"
        + " federated token), or run with a managed identity";
  }
}
