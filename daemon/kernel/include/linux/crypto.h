/* SPDX-License-Identifier: GPL-2.0 */
/* kplay shadow of <linux/crypto.h>: requests and completion of the crypto API. */
#ifndef _KPLAY_LINUX_CRYPTO_H
#define _KPLAY_LINUX_CRYPTO_H

#include "linux/types.h"
#include "linux/completion.h"
#include "linux/err.h"

#define CRYPTO_ALG_ASYNC 0x00000080
#define CRYPTO_TFM_REQ_MAY_BACKLOG 0x00000400
#define CRYPTO_TFM_REQ_MAY_SLEEP 0x00000200
#define CRYPTO_MAX_ALG_NAME 128

struct crypto_async_request;
typedef void (*crypto_completion_t)(struct crypto_async_request *req, int err);

struct crypto_async_request {
	crypto_completion_t complete;
	void *data;
	u32 flags;
};

struct crypto_wait {
	struct completion completion;
	int err;
};

#define DECLARE_CRYPTO_WAIT(_wait) struct crypto_wait _wait = { COMPLETION_INITIALIZER((_wait).completion), 0 }

#ifdef __cplusplus
extern "C" {
#endif

void crypto_req_done(struct crypto_async_request *req, int err);

#ifdef __cplusplus
}
#endif

static inline int crypto_wait_req(int err, struct crypto_wait *wait)
{
	switch (err) {
	case -EINPROGRESS:
	case -EBUSY:
		wait_for_completion(&wait->completion);
		reinit_completion(&wait->completion);
		err = wait->err;
		break;
	}
	return err;
}

static inline void crypto_init_wait(struct crypto_wait *wait)
{
	init_completion(&wait->completion);
}

#endif
