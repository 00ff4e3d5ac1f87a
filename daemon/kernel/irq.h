// The IRQ core as the GPIO chip sees it (mirrors the parts of kernel/irq/
// that gpiolib's irqchip uses): a line's IRQ number, and edges delivered to
// the handlers on the hard-IRQ thread.
#pragma once

#include <cstdint>

namespace kplay {

/// GPIO line N of the simulated chip is IRQ kGpioIrqBase + N once mapped.
constexpr unsigned kGpioIrqBase = 200;

/// irq_create_mapping: the IRQ number of a chip line (made on first use).
int irq_map_gpio_line(unsigned hwirq);

/// A line changed level: when its IRQ's trigger type matches the edge and a
/// handler is requested, the hard handlers run on the hard-IRQ thread; this
/// returns after they ran (bottom halves run later, on their own threads).
void irq_gpio_edge(unsigned hwirq, bool rising);

/// The chip's side of request_irq/free_irq (gpiochip_reqres_irq and
/// gpiochip_relres_irq): a line set as output cannot be an interrupt.
int gpio_lock_as_irq(unsigned hwirq);
void gpio_unlock_as_irq(unsigned hwirq);

/// Tasklets scheduled by a hard handler run when it returns (irq_exit).
void softirq_irq_exit();

} // namespace kplay
