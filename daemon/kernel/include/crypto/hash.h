/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <crypto/hash.h>: synchronous hashes (shash), computed with
 * OpenSSL's libcrypto; an algorithm kplay does not know is -ENOENT, as for a
 * kernel without it.
 */
#ifndef _KPLAY_CRYPTO_HASH_H
#define _KPLAY_CRYPTO_HASH_H

#include "linux/crypto.h"
#include "linux/types.h"

struct crypto_shash {
	unsigned int descsize;
	unsigned int digestsize;
	void *kplay;
};

struct shash_desc {
	struct crypto_shash *tfm;
	void *__ctx[] __attribute__((__aligned__(8)));
};

#define HASH_MAX_DESCSIZE 368
#define SHASH_DESC_ON_STACK(shash, ctx)                                                        \
	char __##shash##_desc[sizeof(struct shash_desc) + HASH_MAX_DESCSIZE] __aligned(8);   \
	struct shash_desc *shash = (struct shash_desc *)__##shash##_desc

#ifdef __cplusplus
extern "C" {
#endif

struct crypto_shash *crypto_alloc_shash(const char *alg_name, u32 type, u32 mask);
void crypto_free_shash(struct crypto_shash *tfm);
int crypto_shash_init(struct shash_desc *desc);
int crypto_shash_update(struct shash_desc *desc, const u8 *data, unsigned int len);
int crypto_shash_final(struct shash_desc *desc, u8 *out);
int crypto_shash_finup(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out);
int crypto_shash_digest(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out);
int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key, unsigned int keylen);

#ifdef __cplusplus
}
#endif

static inline unsigned int crypto_shash_descsize(struct crypto_shash *tfm)
{
	return tfm->descsize;
}

static inline unsigned int crypto_shash_digestsize(struct crypto_shash *tfm)
{
	return tfm->digestsize;
}

#endif
