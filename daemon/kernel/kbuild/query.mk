# kplay's reading of a Kbuild-style module Makefile: include it as kbuild
# would (KERNELRELEASE set, so its kbuild branch is taken; a Kbuild file wins
# over the Makefile) and print each obj-m module with its objects and flags.
# Usage: make -s --no-print-directory -f query.mk src=DIR kplay-query

KERNELRELEASE := 6.1.0-kplay
M := $(src)
obj := $(src)
srctree := $(src)

ifneq ($(wildcard $(src)/Kbuild),)
include $(src)/Kbuild
else
include $(src)/Makefile
endif

kplay-objs = $(or $($(1)-objs),$($(1)-y),$(1).o)

.PHONY: kplay-query
kplay-query:
	@printf 'ccflags\t%s\n' '$(strip $(ccflags-y) $(EXTRA_CFLAGS))'
	@$(foreach m,$(obj-m),printf 'module\t%s\t%s\n' '$(m:.o=)' '$(strip $(call kplay-objs,$(m:.o=)))';)
