// The onderdak command: everything lives in the library (src/onderdak/cli).
#include "onderdak/cli/commands.h"

int main(int argc, char** argv) { return onderdak::cli::Main(argc, argv); }
