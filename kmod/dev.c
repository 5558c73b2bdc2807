// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/execmon: a misc device, root-only (0600; the packages make it 0640,
 * group execmon).  mmap() hands out the rings; read() serves `cat` with
 * text lines merged across CPUs in time order; poll() says when there is
 * data; ioctl() does setup and control.  While the device is open the
 * module cannot be unloaded (the misc device holds a reference to it).
 *
 * Who may do what is the device's mode, judged on the opener's
 * credentials when it opens (see execmon(8), "Access"):
 *  - reading events (SETUP, read(), mmap(), poll()): an opener who may
 *    write the device: a descriptor opened for writing, or one whose
 *    opener could have (so that root's `cat /dev/execmon` works).  Such an
 *    open is a session (session.c), and takes one of max_readers;
 *  - status, stats, readers, reading the policy: any open; one that may
 *    only read the device is a control descriptor, no session, no slot;
 *  - changing the policy: CAP_SYS_ADMIN in the initial user namespace, of
 *    the caller and of the opener (policy.c).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "chain.h"
#include "dev.h"
#include "event.h"
#include "lineage.h"
#include "policy.h"
#include "probes.h"
#include "ring.h"
#include "session.h"
#include "ioc.h"
#include "../common/emrec.h"

static int em_dev_open(struct inode *inode, struct file *file)
{
	struct em_session *s;

	/* current is the opener: may it write the device? */
	if (!(file->f_mode & FMODE_WRITE) && file_permission(file, MAY_WRITE)) {
		file->private_data = NULL;	/* a control descriptor (misc_open() left its own) */
		return 0;
	}
	s = em_session_open();
	if (IS_ERR(s))
		return PTR_ERR(s);
	file->private_data = s;
	return 0;
}

static int em_dev_release(struct inode *inode, struct file *file)
{
	if (file->private_data)
		em_session_release(file->private_data);
	return 0;
}

/* The ring whose next record is the oldest, or NULL; caller holds s->lock. */
static struct em_ring *em_oldest(struct em_session *s)
{
	struct em_ring *best = NULL;
	u64 best_ts = 0, ts;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		if (!em_ring_peek_ts(s->rings[cpu], &ts))
			continue;
		if (!best || ts < best_ts) {
			best = s->rings[cpu];
			best_ts = ts;
		}
	}
	return best;
}

/*
 * Format the next record into s->line, from a private copy (s->rec): the
 * ring's can change under the formatter.  Returns false when the rings
 * are empty.
 */
static bool em_next_line(struct em_session *s)
{
	struct em_ring *r = em_oldest(s);
	struct em_out o;

	if (!r || !em_ring_copy(r, s->rec))
		return false;
	em_out_init(&o, s->line, EM_TEXT_LINE_MAX);
	em_format_text(&o, s->rec);
	if (o.full) {
		/* cannot happen with EM_TEXT_LINE_MAX; keep lines whole anyway */
		o.len = EM_TEXT_LINE_MAX - 1;
		s->line[o.len++] = '\n';
	}
	s->line_len = o.len;
	s->line_off = 0;
	return true;
}

static ssize_t em_dev_read(struct file *file, char __user *buf, size_t n, loff_t *ppos)
{
	struct em_session *s = file->private_data;
	size_t copied = 0, chunk;
	ssize_t ret = 0;

	if (!s)
		return -EPERM;
	if (!n)
		return 0;
	mutex_lock(&s->lock);
	ret = em_session_setup(s, 0);
	if (ret)
		goto out_unlock;
	if (!s->line) {
		s->line = kvmalloc(EM_TEXT_LINE_MAX, GFP_KERNEL_ACCOUNT);
		s->rec = kvmalloc(EXECMON_RECORD_MAX, GFP_KERNEL_ACCOUNT);
		if (!s->line || !s->rec) {
			kvfree(s->line);
			kvfree(s->rec);
			s->line = NULL;
			s->rec = NULL;
			ret = -ENOMEM;
			goto out_unlock;
		}
	}
	while (copied < n) {
		if (s->line_off == s->line_len) {
			if (!em_next_line(s)) {
				if (copied)
					break;
				if (file->f_flags & O_NONBLOCK) {
					ret = -EAGAIN;
					goto out_unlock;
				}
				mutex_unlock(&s->lock);
				if (wait_event_interruptible(s->wq, em_session_has_data(s)))
					return -ERESTARTSYS;
				mutex_lock(&s->lock);
				continue;
			}
			/* whole lines only, unless the buffer cannot hold even one */
			if (copied && s->line_len > n - copied)
				break;
		}
		chunk = min(n - copied, s->line_len - s->line_off);
		if (copy_to_user(buf + copied, s->line + s->line_off, chunk)) {
			ret = copied ? 0 : -EFAULT;
			break;
		}
		copied += chunk;
		s->line_off += chunk;
	}
	if (copied)
		ret = copied;
out_unlock:
	mutex_unlock(&s->lock);
	return ret;
}

static __poll_t em_dev_poll(struct file *file, poll_table *pt)
{
	struct em_session *s = file->private_data;

	if (!s)
		return EPOLLERR;
	poll_wait(file, &s->wq, pt);
	smp_mb();	/* enqueue, then check: pairs with wq_has_sleeper() in em_emit() */
	/* a line read() has not handed out yet also counts: a lockless hint */
	if (READ_ONCE(s->line_off) != READ_ONCE(s->line_len) || em_session_has_data(s))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

/*
 * Ring i covers mmap offsets [i * stride, (i + 1) * stride).  Called with
 * mmap_lock held, so without s->lock (see em_session.mappable): once set
 * up, the rings stay until release, which cannot come while a mapping or
 * this call holds the file.
 */
static int em_dev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct em_session *s = file->private_data;
	unsigned long stride_pages, ring;

	if (!s)
		return -EPERM;
	if (!em_session_ready(s))
		return -EINVAL;
	stride_pages = em_ring_map_size(s->ring_pages) >> PAGE_SHIFT;
	ring = vma->vm_pgoff / stride_pages;
	if (ring >= nr_cpu_ids || !cpu_possible(ring))
		return -EINVAL;
	return em_ring_mmap(s->rings[ring], vma, vma->vm_pgoff % stride_pages);
}

/* Into a structure of size bytes, at least ours: a newer tool's, its tail zeroed. */
static long em_ioc_version(void __user *arg, unsigned int size)
{
	struct execmon_version v = {
		.size = sizeof(v),
		.uapi_version = EXECMON_UAPI_VERSION,
		.features = EXECMON_FEAT_EXEC | EXECMON_FEAT_EXEC_FAILED | EXECMON_FEAT_MMAP |
			    EXECMON_FEAT_STATS | EXECMON_FEAT_POLICY | EXECMON_FEAT_ENV |
			    EXECMON_FEAT_READERS | EXECMON_FEAT_IMAGE,
	};

	if (em_probes_exit_hooked())
		v.features |= EXECMON_FEAT_EXIT;
	strscpy_pad(v.module_version, EM_VERSION, sizeof(v.module_version));
	if (copy_to_user(arg, &v, sizeof(v)) || clear_user(arg + sizeof(v), size - sizeof(v)))
		return -EFAULT;
	return 0;
}

/*
 * An ioctl's structure in (see em_copy_in()); each starts with its own
 * size, which must say how large user space made it.
 */
static int em_ioc_in(void *req, size_t ksize, const void __user *arg, unsigned int size)
{
	int ret = em_copy_in(req, ksize, arg, size);

	return ret ?: (*(const u32 *)req == size ? 0 : -EINVAL);
}

/* The module-wide misses, as STATS and READERS give them. */
static void em_misses(u64 *probe, u64 *chain, u64 *path)
{
	*probe = em_probes_missed();
	*chain = em_chain_misses();
	*path = em_event_path_misses();
}

static long em_ioc_setup(struct em_session *s, void __user *arg, unsigned int size)
{
	struct execmon_setup st;
	long ret;

	ret = em_ioc_in(&st, sizeof(st), arg, size);
	if (ret)
		return ret;
	if (st.flags || st.resv0 || st.resv[0] || st.resv[1] ||
	    st.resv[2] || st.resv[3] || st.nr_rings || st.ring_stride ||
	    st.ring_map_size || st.data_size || st.ctl_off || st.consumer_off || st.data_off)
		return -EINVAL;

	mutex_lock(&s->lock);
	ret = em_session_setup(s, st.ring_pages);
	if (!ret) {
		st.ring_pages = s->ring_pages;
		st.nr_rings = nr_cpu_ids;
		st.ring_stride = em_ring_map_size(s->ring_pages);
		st.ring_map_size = st.ring_stride;
		st.data_size = (u64)s->ring_pages << PAGE_SHIFT;
		st.ctl_off = 0;
		st.consumer_off = PAGE_SIZE;
		st.data_off = 2 * PAGE_SIZE;
	}
	mutex_unlock(&s->lock);
	if (ret)
		return ret;
	return copy_to_user(arg, &st, min_t(size_t, size, sizeof(st))) ? -EFAULT : 0;
}

static long em_ioc_stats(struct em_session *s, void __user *arg, unsigned int size)
{
	struct execmon_ring_stats *per_cpu;
	struct execmon_ring_stats __user *out;
	struct execmon_stats req;
	unsigned int cpu;
	long ret;

	ret = em_ioc_in(&req, sizeof(req), arg, size);
	if (ret)
		return ret;
	if (memchr_inv(&req.total, 0, sizeof(req.total)) ||
	    req.probe_misses || req.chain_misses || req.path_misses ||
	    memchr_inv(req.resv, 0, sizeof(req.resv)))
		return -EINVAL;
	out = u64_to_user_ptr(req.rings_ptr);

	per_cpu = kvcalloc(nr_cpu_ids, sizeof(*per_cpu), GFP_KERNEL);
	if (!per_cpu)
		return -ENOMEM;
	ret = em_session_stats(s, req.session_id, per_cpu);
	if (ret)
		goto out_free;
	/* indexed by CPU; a CPU that cannot exist reads as zero */
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		em_stats_add(&req.total, &per_cpu[cpu]);
	if (out && copy_to_user(out, per_cpu, min(req.nr_rings, nr_cpu_ids) * sizeof(*per_cpu))) {
		ret = -EFAULT;
		goto out_free;
	}
	req.nr_rings = nr_cpu_ids;
	em_misses(&req.probe_misses, &req.chain_misses, &req.path_misses);
	ret = copy_to_user(arg, &req, min_t(size_t, size, sizeof(req))) ? -EFAULT : 0;
out_free:
	kvfree(per_cpu);
	return ret;
}

/* EXECMON_IOC_READERS: who is reading, and how each is doing. */
static long em_ioc_readers(struct em_session *self, void __user *arg, unsigned int size)
{
	struct execmon_ring_stats *per_cpu;
	struct execmon_reader *out;
	struct execmon_readers req;
	unsigned int n;
	long ret;

	ret = em_ioc_in(&req, sizeof(req), arg, size);
	if (ret)
		return ret;
	if (req.self_id || req.probe_misses || req.chain_misses || req.path_misses || req.resv ||
	    req.nr > EXECMON_READERS_MAX || (req.nr && !req.ptr))
		return -EINVAL;
	out = kvcalloc(max(req.nr, 1U), sizeof(*out), GFP_KERNEL);
	per_cpu = kvcalloc(nr_cpu_ids, sizeof(*per_cpu), GFP_KERNEL);
	ret = -ENOMEM;
	if (!out || !per_cpu)
		goto out_free;
	n = em_sessions_list(out, req.nr, per_cpu);
	ret = -EFAULT;
	if (req.ptr && copy_to_user(u64_to_user_ptr(req.ptr), out, min(n, req.nr) * sizeof(*out)))
		goto out_free;
	req.nr = n;
	req.self_id = self ? self->id : 0;	/* 0: a control descriptor */
	em_misses(&req.probe_misses, &req.chain_misses, &req.path_misses);
	ret = copy_to_user(arg, &req, sizeof(req)) ? -EFAULT : 0;
out_free:
	kvfree(per_cpu);
	kvfree(out);
	return ret;
}

static long em_ioc_get_policy(void __user *arg, unsigned int size)
{
	struct execmon_policy req;
	long ret = em_ioc_in(&req, sizeof(req), arg, size);

	if (!ret)
		ret = em_policy_get(&req);
	if (ret)
		return ret;
	return copy_to_user(arg, &req, sizeof(req)) ? -EFAULT : 0;
}

static long em_ioc_image(void __user *arg, unsigned int size)
{
	struct execmon_image_query q;
	long ret = em_ioc_in(&q, sizeof(q), arg, size);

	if (ret)
		return ret;
	if (q.ppid || q.resv || memchr_inv(&q.image, 0, sizeof(q) - offsetof(typeof(q), image)))
		return -EINVAL;
	ret = em_lineage_query(&q);
	return ret ?: (copy_to_user(arg, &q, sizeof(q)) ? -EFAULT : 0);
}

/*
 * Only an administrator changes what every reader sees: CAP_SYS_ADMIN in
 * the initial user namespace, now (the caller) and when the descriptor was
 * opened (its opener), so that a descriptor handed to or inherited by a
 * less privileged process does not carry the right with it.
 */
static long em_ioc_set_policy(struct file *file, void __user *arg, unsigned int size)
{
	struct execmon_policy req;
	long ret;

	if (!capable(CAP_SYS_ADMIN) || !file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	ret = em_ioc_in(&req, sizeof(req), arg, size);
	return ret ?: em_policy_set(&req);
}

/* _IOWR with a structure of at least its first version's size: they may grow */
static bool em_ioc_rw_ok(unsigned int cmd, size_t min_size)
{
	return _IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE) && _IOC_SIZE(cmd) >= min_size;
}

static long em_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (_IOC_TYPE(cmd) != EXECMON_IOC_MAGIC)
		return -ENOTTY;
	switch (_IOC_NR(cmd)) {
	case _IOC_NR(EXECMON_IOC_VERSION):
		if (_IOC_DIR(cmd) != _IOC_READ || _IOC_SIZE(cmd) < sizeof(struct execmon_version))
			return -EINVAL;
		return em_ioc_version(uarg, _IOC_SIZE(cmd));
	case _IOC_NR(EXECMON_IOC_SETUP):
		if (!em_ioc_rw_ok(cmd, sizeof(struct execmon_setup)))
			return -EINVAL;
		if (!file->private_data)
			return -EPERM;
		return em_ioc_setup(file->private_data, uarg, _IOC_SIZE(cmd));
	case _IOC_NR(EXECMON_IOC_STATS):
		if (!em_ioc_rw_ok(cmd, sizeof(struct execmon_stats)))
			return -EINVAL;
		return em_ioc_stats(file->private_data, uarg, _IOC_SIZE(cmd));
	case _IOC_NR(EXECMON_IOC_GET_POLICY):
		if (!em_ioc_rw_ok(cmd, sizeof(struct execmon_policy)))
			return -EINVAL;
		return em_ioc_get_policy(uarg, _IOC_SIZE(cmd));
	case _IOC_NR(EXECMON_IOC_SET_POLICY):
		if (_IOC_DIR(cmd) != _IOC_WRITE || _IOC_SIZE(cmd) < sizeof(struct execmon_policy))
			return -EINVAL;
		return em_ioc_set_policy(file, uarg, _IOC_SIZE(cmd));
	case _IOC_NR(EXECMON_IOC_READERS):
		if (!em_ioc_rw_ok(cmd, sizeof(struct execmon_readers)))
			return -EINVAL;
		return em_ioc_readers(file->private_data, uarg, _IOC_SIZE(cmd));
	case _IOC_NR(EXECMON_IOC_IMAGE):
		if (!em_ioc_rw_ok(cmd, sizeof(struct execmon_image_query)))
			return -EINVAL;
		return em_ioc_image(uarg, _IOC_SIZE(cmd));
	}
	return -ENOTTY;
}

static const struct file_operations em_fops = {
	.owner		= THIS_MODULE,
	.open		= em_dev_open,
	.release	= em_dev_release,
	.read		= em_dev_read,
	.poll		= em_dev_poll,
	.mmap		= em_dev_mmap,
	.unlocked_ioctl	= em_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice em_miscdev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "execmon",
	.fops	= &em_fops,
	.mode	= 0600,
};

int em_dev_register(void)
{
	return misc_register(&em_miscdev);
}

void em_dev_unregister(void)
{
	misc_deregister(&em_miscdev);
}
