// The crypto API (mirrors crypto/shash.c and crypto/skcipher.c semantics) on
// OpenSSL's libcrypto: the same algorithm names, -ENOENT for one kplay does
// not know, -EINVAL for a bad key length or a partial block.
#include "kernel/ksyms.h"

#include "crypto/hash.h"
#include "crypto/skcipher.h"
#include "linux/random.h"
#include "linux/scatterlist.h"

#include <openssl/evp.h>
#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

extern "C" void *__kmalloc(size_t size, unsigned int flags);
extern "C" void kfree(const void *p);

namespace {

template <typename T>
T *err_ptr(int err)
{
	return reinterpret_cast<T *>(static_cast<intptr_t>(err));
}

const EVP_MD *digest_by_name(const std::string &name)
{
	static const struct {
		const char *kernel;
		const EVP_MD *(*md)();
	} table[] = {{"md5", EVP_md5},       {"sha1", EVP_sha1},     {"sha224", EVP_sha224}, {"sha256", EVP_sha256},
		     {"sha384", EVP_sha384}, {"sha512", EVP_sha512}, {"sha3-256", EVP_sha3_256}, {"sha3-512", EVP_sha3_512}};
	for (auto &e : table)
		if (name == e.kernel || name == std::string(e.kernel) + "-generic")
			return e.md();
	return nullptr;
}

EVP_MD_CTX *&ctx_of(struct shash_desc *desc) { return *reinterpret_cast<EVP_MD_CTX **>(desc->__ctx); }

struct Cipher {
	std::string mode; // "cbc", "ecb", "ctr"
	std::vector<unsigned char> key;
};

Cipher *cipher_of(struct crypto_skcipher *tfm) { return static_cast<Cipher *>(tfm->kplay); }

const EVP_CIPHER *evp_cipher(const std::string &mode, size_t keylen)
{
	if (mode == "cbc")
		return keylen == 16 ? EVP_aes_128_cbc() : keylen == 24 ? EVP_aes_192_cbc() : EVP_aes_256_cbc();
	if (mode == "ecb")
		return keylen == 16 ? EVP_aes_128_ecb() : keylen == 24 ? EVP_aes_192_ecb() : EVP_aes_256_ecb();
	return keylen == 16 ? EVP_aes_128_ctr() : keylen == 24 ? EVP_aes_192_ctr() : EVP_aes_256_ctr();
}

// One request over single-entry scatterlists (what sg_init_one makes).
int crypt(struct skcipher_request *req, bool encrypt)
{
	Cipher *c = cipher_of(req->tfm);
	if (c->key.empty())
		return -ENOKEY; // no setkey yet
	if (c->mode != "ctr" && req->cryptlen % 16)
		return -EINVAL;
	std::vector<unsigned char> in(req->cryptlen), out(req->cryptlen + 16);
	if (sg_copy_to_buffer(req->src, 1, in.data(), in.size()) != in.size())
		return -EINVAL;
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	const EVP_CIPHER *algo = evp_cipher(c->mode, c->key.size());
	int ok = EVP_CipherInit_ex(ctx, algo, nullptr, c->key.data(), c->mode == "ecb" ? nullptr : req->iv, encrypt);
	EVP_CIPHER_CTX_set_padding(ctx, 0);
	int n = 0, m = 0;
	ok = ok && EVP_CipherUpdate(ctx, out.data(), &n, in.data(), static_cast<int>(in.size()));
	ok = ok && EVP_CipherFinal_ex(ctx, out.data() + n, &m);
	EVP_CIPHER_CTX_free(ctx);
	if (!ok)
		return -EINVAL;
	// The IV is left as the kernel leaves it: the last ciphertext block (cbc).
	if (c->mode == "cbc" && req->cryptlen >= 16 && req->iv)
		std::memcpy(req->iv, (encrypt ? out.data() : in.data()) + req->cryptlen - 16, 16);
	sg_copy_from_buffer(req->dst, 1, out.data(), req->cryptlen);
	return 0;
}

} // namespace

extern "C" {

struct crypto_shash *crypto_alloc_shash(const char *alg_name, u32, u32)
{
	const EVP_MD *md = digest_by_name(alg_name ? alg_name : "");
	if (!md)
		return err_ptr<struct crypto_shash>(-ENOENT);
	auto *tfm = static_cast<struct crypto_shash *>(__kmalloc(sizeof(struct crypto_shash), 0x100u));
	tfm->descsize = sizeof(EVP_MD_CTX *);
	tfm->digestsize = static_cast<unsigned>(EVP_MD_size(md));
	tfm->kplay = const_cast<EVP_MD *>(md);
	return tfm;
}

void crypto_free_shash(struct crypto_shash *tfm)
{
	if (tfm && reinterpret_cast<uintptr_t>(tfm) < static_cast<uintptr_t>(-4095))
		kfree(tfm);
}

int crypto_shash_setkey(struct crypto_shash *, const u8 *, unsigned int)
{
	return -ENOSYS; // plain hashes take no key (the kernel: -ENOSYS)
}

int crypto_shash_init(struct shash_desc *desc)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, static_cast<const EVP_MD *>(desc->tfm->kplay), nullptr)) {
		EVP_MD_CTX_free(ctx);
		return -ENOMEM;
	}
	ctx_of(desc) = ctx;
	return 0;
}

int crypto_shash_update(struct shash_desc *desc, const u8 *data, unsigned int len)
{
	return EVP_DigestUpdate(ctx_of(desc), data, len) ? 0 : -EINVAL;
}

int crypto_shash_final(struct shash_desc *desc, u8 *out)
{
	unsigned int n = 0;
	int ok = EVP_DigestFinal_ex(ctx_of(desc), out, &n);
	EVP_MD_CTX_free(ctx_of(desc));
	ctx_of(desc) = nullptr;
	return ok ? 0 : -EINVAL;
}

int crypto_shash_finup(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	int err = crypto_shash_update(desc, data, len);
	return err ? err : crypto_shash_final(desc, out);
}

int crypto_shash_digest(struct shash_desc *desc, const u8 *data, unsigned int len, u8 *out)
{
	int err = crypto_shash_init(desc);
	return err ? err : crypto_shash_finup(desc, data, len, out);
}

struct crypto_skcipher *crypto_alloc_skcipher(const char *alg_name, u32, u32)
{
	std::string name = alg_name ? alg_name : "";
	std::string mode;
	for (const char *m : {"cbc", "ecb", "ctr"})
		if (name == std::string(m) + "(aes)" || name == std::string(m) + "-aes-aesni")
			mode = m;
	if (mode.empty())
		return err_ptr<struct crypto_skcipher>(-ENOENT);
	auto *tfm = static_cast<struct crypto_skcipher *>(__kmalloc(sizeof(struct crypto_skcipher), 0x100u));
	tfm->ivsize = mode == "ecb" ? 0 : 16;
	tfm->blocksize = mode == "ctr" ? 1 : 16;
	tfm->kplay = new Cipher{mode, {}};
	return tfm;
}

void crypto_free_skcipher(struct crypto_skcipher *tfm)
{
	if (!tfm || reinterpret_cast<uintptr_t>(tfm) >= static_cast<uintptr_t>(-4095))
		return;
	delete cipher_of(tfm);
	kfree(tfm);
}

int crypto_skcipher_setkey(struct crypto_skcipher *tfm, const u8 *key, unsigned int keylen)
{
	if (keylen != 16 && keylen != 24 && keylen != 32)
		return -EINVAL;
	cipher_of(tfm)->key.assign(key, key + keylen);
	tfm->keylen = keylen;
	return 0;
}

struct skcipher_request *skcipher_request_alloc(struct crypto_skcipher *tfm, gfp_t gfp)
{
	auto *req = static_cast<struct skcipher_request *>(__kmalloc(sizeof(struct skcipher_request), gfp));
	if (req) {
		std::memset(req, 0, sizeof *req);
		req->tfm = tfm;
	}
	return req;
}

void skcipher_request_free(struct skcipher_request *req)
{
	kfree(req);
}

int crypto_skcipher_encrypt(struct skcipher_request *req)
{
	return crypt(req, true);
}

int crypto_skcipher_decrypt(struct skcipher_request *req)
{
	return crypt(req, false);
}

void crypto_req_done(struct crypto_async_request *req, int err)
{
	auto *wait = static_cast<struct crypto_wait *>(req->data);
	if (err == -EINPROGRESS)
		return;
	wait->err = err;
	complete(&wait->completion);
}

size_t sg_copy_from_buffer(struct scatterlist *sgl, unsigned int nents, const void *buf, size_t buflen)
{
	size_t done = 0;
	for (struct scatterlist *sg = sgl; sg && nents-- && done < buflen; sg = sg_next(sg)) {
		size_t n = std::min<size_t>(sg->length, buflen - done);
		std::memcpy(sg_virt(sg), static_cast<const char *>(buf) + done, n);
		done += n;
	}
	return done;
}

size_t sg_copy_to_buffer(struct scatterlist *sgl, unsigned int nents, void *buf, size_t buflen)
{
	size_t done = 0;
	for (struct scatterlist *sg = sgl; sg && nents-- && done < buflen; sg = sg_next(sg)) {
		size_t n = std::min<size_t>(sg->length, buflen - done);
		std::memcpy(static_cast<char *>(buf) + done, sg_virt(sg), n);
		done += n;
	}
	return done;
}

void get_random_bytes(void *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = getrandom(static_cast<char *>(buf) + done, len - done, 0);
		if (n > 0)
			done += static_cast<size_t>(n);
	}
}

u32 get_random_u32(void)
{
	u32 v;
	get_random_bytes(&v, sizeof v);
	return v;
}

u64 get_random_u64(void)
{
	u64 v;
	get_random_bytes(&v, sizeof v);
	return v;
}

} // extern "C"

KPLAY_EXPORT(crypto_alloc_shash);
KPLAY_EXPORT(crypto_free_shash);
KPLAY_EXPORT(crypto_shash_setkey);
KPLAY_EXPORT(crypto_shash_init);
KPLAY_EXPORT(crypto_shash_update);
KPLAY_EXPORT(crypto_shash_final);
KPLAY_EXPORT(crypto_shash_finup);
KPLAY_EXPORT(crypto_shash_digest);
KPLAY_EXPORT(crypto_alloc_skcipher);
KPLAY_EXPORT(crypto_free_skcipher);
KPLAY_EXPORT(crypto_skcipher_setkey);
KPLAY_EXPORT(skcipher_request_alloc);
KPLAY_EXPORT(skcipher_request_free);
KPLAY_EXPORT(crypto_skcipher_encrypt);
KPLAY_EXPORT(crypto_skcipher_decrypt);
KPLAY_EXPORT(crypto_req_done);
KPLAY_EXPORT(sg_copy_from_buffer);
KPLAY_EXPORT(sg_copy_to_buffer);
KPLAY_EXPORT(get_random_bytes);
KPLAY_EXPORT(get_random_u32);
KPLAY_EXPORT(get_random_u64);
