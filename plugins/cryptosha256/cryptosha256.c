// SPDX-License-Identifier: GPL-2.0
/*
 * cryptosha256: a hash computed with the kernel's crypto API (shash, the
 * synchronous message digest interface).
 *
 * At load time the module hashes the string in "text" with the algorithm
 * named by "algo" (sha256 unless told otherwise), twice: in pieces with
 * crypto_shash_init/update/final, and in one call with
 * crypto_shash_digest. Both results are logged in hex; they must be equal,
 * and equal to what sha256sum prints for the same bytes.
 *
 * An algorithm the kernel does not know makes crypto_alloc_shash return
 * ERR_PTR(-ENOENT), and the load fails with that error.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/hash.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hash a string with the kernel's crypto API");

static char *algo = "sha256";
module_param(algo, charp, 0444);
MODULE_PARM_DESC(algo, "Hash algorithm name (default sha256)");

static char *text = "The quick brown fox jumps over the lazy dog";
module_param(text, charp, 0444);
MODULE_PARM_DESC(text, "The string to hash");

/* Large enough for any digest %*ph can print in one go. */
#define MAX_DIGEST 64

static int hash_text(struct crypto_shash *tfm, u8 *pieces, u8 *whole)
{
	struct shash_desc *desc;
	size_t len = strlen(text);
	size_t half = len / 2;
	int ret;

	/* The descriptor carries the algorithm's running state after it. */
	desc = kmalloc(sizeof(*desc) + crypto_shash_descsize(tfm), GFP_KERNEL);
	if (!desc)
		return -ENOMEM;
	desc->tfm = tfm;

	ret = crypto_shash_init(desc);
	if (!ret)
		ret = crypto_shash_update(desc, text, half);
	if (!ret)
		ret = crypto_shash_update(desc, text + half, len - half);
	if (!ret)
		ret = crypto_shash_final(desc, pieces);
	if (!ret)
		ret = crypto_shash_digest(desc, text, len, whole);

	kfree(desc);
	return ret;
}

static int __init cryptosha256_init(void)
{
	struct crypto_shash *tfm;
	u8 pieces[MAX_DIGEST];
	u8 whole[MAX_DIGEST];
	unsigned int size;
	int ret;

	tfm = crypto_alloc_shash(algo, 0, 0);
	if (IS_ERR(tfm)) {
		pr_err("no %s hash: crypto_alloc_shash gave %ld\n", algo,
		       PTR_ERR(tfm));
		return PTR_ERR(tfm);
	}

	size = crypto_shash_digestsize(tfm);
	if (size > MAX_DIGEST) {
		pr_err("%s digest of %u bytes is too long for this example\n",
		       algo, size);
		ret = -EINVAL;
		goto out;
	}

	ret = hash_text(tfm, pieces, whole);
	if (ret) {
		pr_err("%s failed: %d\n", algo, ret);
		goto out;
	}
	pr_info("%s(\"%s\"), %u bytes:\n", algo, text, size);
	pr_info("%*phN\n", size, pieces);
	pr_info("in one call: %s\n",
		memcmp(pieces, whole, size) ? "different!" : "the same");
out:
	crypto_free_shash(tfm);
	return ret;
}

static void __exit cryptosha256_exit(void)
{
	pr_info("goodbye\n");
}

module_init(cryptosha256_init);
module_exit(cryptosha256_exit);
