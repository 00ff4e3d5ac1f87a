#include "kernel/init.h"
namespace kplay { void input_init() {} }
