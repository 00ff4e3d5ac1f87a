/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kplay shadow of <linux/dma-mapping.h>. There is no device doing DMA: a
 * "bus address" is the buffer's own address, mappings always succeed, and
 * coherent memory is page-aligned heap memory (managed variants are freed on
 * unbind, as devres frees them).
 */
#ifndef _KPLAY_LINUX_DMA_MAPPING_H
#define _KPLAY_LINUX_DMA_MAPPING_H

#include "linux/device.h"
#include "linux/types.h"

typedef u64 dma_addr_t;

enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))
#define DMA_MAPPING_ERROR (~(dma_addr_t)0)

#ifdef __cplusplus
extern "C" {
#endif

int dma_set_mask(struct device *dev, u64 mask);
u64 dma_get_mask(struct device *dev);
int dma_set_coherent_mask(struct device *dev, u64 mask);
void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle);
void *dmam_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp);
dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir,
				 unsigned long attrs);
void dma_unmap_single_attrs(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
			    unsigned long attrs);

#ifdef __cplusplus
}
#endif

static inline int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int rc = dma_set_mask(dev, mask);
	return rc ? rc : dma_set_coherent_mask(dev, mask);
}

static inline int dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	(void)dev;
	return dma_addr == DMA_MAPPING_ERROR ? -12 /* -ENOMEM */ : 0;
}

#define dma_map_single(d, a, s, r) dma_map_single_attrs(d, a, s, r, 0)
#define dma_unmap_single(d, a, s, r) dma_unmap_single_attrs(d, a, s, r, 0)
#define dma_sync_single_for_cpu(d, a, s, r) do { (void)(d); (void)(a); (void)(s); (void)(r); } while (0)
#define dma_sync_single_for_device(d, a, s, r) do { (void)(d); (void)(a); (void)(s); (void)(r); } while (0)

#endif
