/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/jump_label.h>: static keys. The kernel patches the
 * branch in place; kplay tests an atomic flag -- the same semantics, and
 * static_key_enabled() reads what the last enable/disable set.
 */
#ifndef _KPLAY_LINUX_JUMP_LABEL_H
#define _KPLAY_LINUX_JUMP_LABEL_H

#include "linux/atomic.h"
#include "linux/compiler.h"

struct static_key {
	atomic_t enabled;
};

struct static_key_true {
	struct static_key key;
};

struct static_key_false {
	struct static_key key;
};

#define STATIC_KEY_INIT_TRUE { .enabled = ATOMIC_INIT(1) }
#define STATIC_KEY_INIT_FALSE { .enabled = ATOMIC_INIT(0) }
#define STATIC_KEY_TRUE_INIT (struct static_key_true) { .key = STATIC_KEY_INIT_TRUE }
#define STATIC_KEY_FALSE_INIT (struct static_key_false) { .key = STATIC_KEY_INIT_FALSE }

#define DEFINE_STATIC_KEY_TRUE(name) struct static_key_true name = { .key = STATIC_KEY_INIT_TRUE }
#define DEFINE_STATIC_KEY_FALSE(name) struct static_key_false name = { .key = STATIC_KEY_INIT_FALSE }
#define DECLARE_STATIC_KEY_TRUE(name) extern struct static_key_true name
#define DECLARE_STATIC_KEY_FALSE(name) extern struct static_key_false name

static inline bool static_key_enabled_kplay(const struct static_key *key)
{
	return atomic_read(&key->enabled) > 0;
}

#define static_key_enabled(x) static_key_enabled_kplay(&(x)->key)
#define static_branch_likely(x) likely(static_key_enabled_kplay(&(x)->key))
#define static_branch_unlikely(x) unlikely(static_key_enabled_kplay(&(x)->key))

static inline void static_key_enable_kplay(struct static_key *key)
{
	atomic_set(&key->enabled, 1);
}

static inline void static_key_disable_kplay(struct static_key *key)
{
	atomic_set(&key->enabled, 0);
}

#define static_branch_enable(x) static_key_enable_kplay(&(x)->key)
#define static_branch_disable(x) static_key_disable_kplay(&(x)->key)
#define static_branch_inc(x) atomic_inc(&(x)->key.enabled)
#define static_branch_dec(x) atomic_dec(&(x)->key.enabled)

#endif
