package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hint names the neutral runtime a user most likely meant. */
class RuntimeReaderTest {
  @ParameterizedTest
  @CsvSource({
    "nodejs20.x, cloud-specific id; write the neutral name 'nodejs20'",
    "nodejs22.x, write the neutral name 'nodejs22'",
    "python313, write the neutral name 'python3.13'",
    "java17.al2, write the neutral name 'java17'",
    "Nodejs22, write 'nodejs22'",
    "pyton3.12, did you mean 'python3.12'?",
    "node20, did you mean 'nodejs20'?",
    "java-21, did you mean 'java21'?",
    "dotnet8.0, did you mean 'dotnet8'?",
    "python3.12.4, did you mean 'python3.12'?",
    "dotnet, write e.g. 'dotnet8'",
    "go1.22, write python3.N, nodejs<major>, java<major> or dotnet<major>"
  })
  void hintsAtTheNeutralName(String written, String hint) {
    String problem = RuntimeReader.problem(written);
    assertTrue(problem.startsWith("runtime '" + written + "'"), problem);
    assertTrue(problem.contains(hint), problem);
  }
}
