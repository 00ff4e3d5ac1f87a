/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <crypto/skcipher.h>: symmetric ciphers ("cbc(aes)",
 * "ecb(aes)", "ctr(aes)") on OpenSSL's libcrypto. Requests complete
 * synchronously (return 0), as the kernel's aesni implementations do in
 * process context; callers written for -EINPROGRESS (crypto_wait_req) work.
 */
#ifndef _KPLAY_CRYPTO_SKCIPHER_H
#define _KPLAY_CRYPTO_SKCIPHER_H

#include "linux/crypto.h"
#include "linux/scatterlist.h"
#include "linux/types.h"

struct crypto_skcipher {
	unsigned int ivsize;
	unsigned int blocksize;
	unsigned int keylen;
	void *kplay;
};

struct skcipher_request {
	unsigned int cryptlen;
	u8 *iv;
	struct scatterlist *src;
	struct scatterlist *dst;
	struct crypto_async_request base;
	struct crypto_skcipher *tfm;
	void *__ctx[] __attribute__((__aligned__(8)));
};

#ifdef __cplusplus
extern "C" {
#endif

struct crypto_skcipher *crypto_alloc_skcipher(const char *alg_name, u32 type, u32 mask);
void crypto_free_skcipher(struct crypto_skcipher *tfm);
int crypto_skcipher_setkey(struct crypto_skcipher *tfm, const u8 *key, unsigned int keylen);
int crypto_skcipher_encrypt(struct skcipher_request *req);
int crypto_skcipher_decrypt(struct skcipher_request *req);
struct skcipher_request *skcipher_request_alloc(struct crypto_skcipher *tfm, gfp_t gfp);
void skcipher_request_free(struct skcipher_request *req);

#ifdef __cplusplus
}
#endif

static inline unsigned int crypto_skcipher_ivsize(struct crypto_skcipher *tfm)
{
	return tfm->ivsize;
}

static inline unsigned int crypto_skcipher_blocksize(struct crypto_skcipher *tfm)
{
	return tfm->blocksize;
}

static inline void skcipher_request_set_callback(struct skcipher_request *req, u32 flags, crypto_completion_t done,
						 void *data)
{
	req->base.complete = done;
	req->base.data = data;
	req->base.flags = flags;
}

static inline void skcipher_request_set_crypt(struct skcipher_request *req, struct scatterlist *src,
					      struct scatterlist *dst, unsigned int cryptlen, void *iv)
{
	req->src = src;
	req->dst = dst;
	req->cryptlen = cryptlen;
	req->iv = (u8 *)iv;
}

static inline struct crypto_skcipher *crypto_skcipher_reqtfm(struct skcipher_request *req)
{
	return req->tfm;
}

#endif
