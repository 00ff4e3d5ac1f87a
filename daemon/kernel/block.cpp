#include "kernel/init.h"
namespace kplay { void block_init() {} }
