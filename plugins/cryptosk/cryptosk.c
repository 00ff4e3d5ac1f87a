// SPDX-License-Identifier: GPL-2.0
/*
 * cryptosk: symmetric key encryption with the kernel's crypto API
 * (skcipher): AES-256 in CBC mode.
 *
 * The key is the SHA-256 digest of a password, the IV is fixed (00 01 ..
 * 0f), and the text is padded with zero bytes to a whole number of 16-byte
 * AES blocks, so the ciphertext is always the same for the same password
 * and text: `openssl enc -aes-256-cbc -nopad` gives the same bytes.
 *
 * The module encrypts the text, logs the ciphertext in hex, decrypts it
 * again and logs the text it got back. Then it shows two details of the
 * API: CBC leaves the last ciphertext block in the request's IV buffer
 * (so the IV has to be set again before decrypting), and setkey refuses a
 * key of a length AES does not have. A round trip with a random IV from
 * get_random_bytes checks itself and logs only the verdict.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/crypto.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("AES-256-CBC with a key derived from a password");

static char *password = "kplay password";
module_param(password, charp, 0);
MODULE_PARM_DESC(password, "Password; its SHA-256 digest is the AES-256 key");

static char *text = "Attack at dawn, bring snacks.";
module_param(text, charp, 0444);
MODULE_PARM_DESC(text, "Text to encrypt (at most 64 bytes)");

#define KEY_SIZE 32		/* AES-256: the size of a SHA-256 digest */
#define BLOCK 16		/* AES block size, and CBC's IV size */
#define MAX_TEXT 64

static const u8 fixed_iv[BLOCK] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};

struct cipher_job {
	struct crypto_skcipher *tfm;
	struct skcipher_request *req;
	struct crypto_wait *wait;
	struct scatterlist sg;
	u8 *buf;		/* kmalloc'ed: a scatterlist needs real pages */
	size_t len;		/* a multiple of BLOCK */
	u8 iv[BLOCK];
};

/* The key: SHA-256 of the password. */
static int derive_key(u8 *key)
{
	struct crypto_shash *sha;
	struct shash_desc *desc;
	int ret;

	sha = crypto_alloc_shash("sha256", 0, 0);
	if (IS_ERR(sha))
		return PTR_ERR(sha);
	desc = kmalloc(sizeof(*desc) + crypto_shash_descsize(sha), GFP_KERNEL);
	if (!desc) {
		crypto_free_shash(sha);
		return -ENOMEM;
	}
	desc->tfm = sha;
	ret = crypto_shash_digest(desc, password, strlen(password), key);
	kfree(desc);
	crypto_free_shash(sha);
	return ret;
}

/* Encrypt or decrypt job->buf in place, with job->iv, and wait for it. */
static int run_cipher(struct cipher_job *job, bool encrypt)
{
	int ret;

	sg_init_one(&job->sg, job->buf, job->len);
	skcipher_request_set_crypt(job->req, &job->sg, &job->sg, job->len,
				   job->iv);
	/*
	 * An asynchronous implementation returns -EINPROGRESS (or -EBUSY when
	 * backlogged) and calls crypto_req_done later; crypto_wait_req sleeps
	 * until then. A synchronous one returns the result at once.
	 */
	if (encrypt)
		ret = crypto_skcipher_encrypt(job->req);
	else
		ret = crypto_skcipher_decrypt(job->req);
	return crypto_wait_req(ret, job->wait);
}

static int random_round_trip(struct cipher_job *job)
{
	u8 iv[BLOCK];
	int ret;

	get_random_bytes(iv, sizeof(iv));
	memcpy(job->iv, iv, BLOCK);
	ret = run_cipher(job, true);
	if (ret)
		return ret;
	memcpy(job->iv, iv, BLOCK);
	ret = run_cipher(job, false);
	if (ret)
		return ret;
	return memcmp(job->buf, text, strlen(text)) ? -EBADMSG : 0;
}

static int __init cryptosk_init(void)
{
	DECLARE_CRYPTO_WAIT(wait);
	struct cipher_job job = { .wait = &wait };
	u8 key[KEY_SIZE];
	size_t text_len = strlen(text);
	int ret;

	if (text_len == 0 || text_len > MAX_TEXT) {
		pr_err("text must be 1 to %d bytes\n", MAX_TEXT);
		return -EINVAL;
	}
	job.len = DIV_ROUND_UP(text_len, BLOCK) * BLOCK;

	ret = derive_key(key);
	if (ret) {
		pr_err("sha256 of the password failed: %d\n", ret);
		return ret;
	}

	job.tfm = crypto_alloc_skcipher("cbc(aes)", 0, 0);
	if (IS_ERR(job.tfm)) {
		pr_err("no cbc(aes): %ld\n", PTR_ERR(job.tfm));
		return PTR_ERR(job.tfm);
	}

	/* AES keys are 16, 24 or 32 bytes long; anything else is refused. */
	ret = crypto_skcipher_setkey(job.tfm, key, 20);
	pr_info("setkey with a 20-byte key: %d\n", ret);
	ret = crypto_skcipher_setkey(job.tfm, key, KEY_SIZE);
	if (ret) {
		pr_err("setkey failed: %d\n", ret);
		goto out_tfm;
	}

	job.req = skcipher_request_alloc(job.tfm, GFP_KERNEL);
	if (!job.req) {
		ret = -ENOMEM;
		goto out_tfm;
	}
	skcipher_request_set_callback(job.req, CRYPTO_TFM_REQ_MAY_BACKLOG |
				      CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);

	/* Zero padding up to a whole block: kzalloc does it. */
	job.buf = kzalloc(job.len, GFP_KERNEL);
	if (!job.buf) {
		ret = -ENOMEM;
		goto out_req;
	}
	memcpy(job.buf, text, text_len);

	pr_info("text: \"%s\", %zu bytes, padded to %zu\n", text, text_len,
		job.len);
	memcpy(job.iv, fixed_iv, BLOCK);
	ret = run_cipher(&job, true);
	if (ret) {
		pr_err("encryption failed: %d\n", ret);
		goto out_buf;
	}
	pr_info("ciphertext: %*phN\n", (int)job.len, job.buf);
	pr_info("IV after encryption = last ciphertext block: %s\n",
		memcmp(job.iv, job.buf + job.len - BLOCK, BLOCK) ? "no" : "yes");

	memcpy(job.iv, fixed_iv, BLOCK);
	ret = run_cipher(&job, false);
	if (ret) {
		pr_err("decryption failed: %d\n", ret);
		goto out_buf;
	}
	pr_info("decrypted: \"%.*s\"\n", (int)text_len, job.buf);

	ret = random_round_trip(&job);
	pr_info("round trip with a random IV: %s\n", ret ? "FAILED" : "ok");

out_buf:
	kfree(job.buf);
out_req:
	skcipher_request_free(job.req);
out_tfm:
	crypto_free_skcipher(job.tfm);
	return ret;
}

static void __exit cryptosk_exit(void)
{
	pr_info("goodbye\n");
}

module_init(cryptosk_init);
module_exit(cryptosk_exit);
