// The declarations of include/CLibFuzzer.h are defined by libFuzzer itself.
#include "CLibFuzzer.h"
