// Replies shared by the FUSE servers (see dirlist.h).
#include "fuse/dirlist.h"

namespace kplay::fuse {

void reply_opendir(fuse_req_t req, fuse_file_info *fi, DirListing *listing)
{
	fi->fh = reinterpret_cast<uint64_t>(listing);
	if (fuse_reply_open(req, fi) != 0)
		delete listing;
}

void reply_readdir(fuse_req_t req, size_t size, off_t off, fuse_file_info *fi)
{
	auto *h = reinterpret_cast<DirListing *>(fi->fh);
	std::vector<char> buf(size);
	size_t used = 0;
	for (size_t i = static_cast<size_t>(off); i < h->entries.size(); ++i) {
		auto &[name, st] = h->entries[i];
		size_t need = fuse_add_direntry(req, buf.data() + used, size - used, name.c_str(), &st, off_t(i + 1));
		if (need > size - used)
			break;
		used += need;
	}
	fuse_reply_buf(req, buf.data(), used);
}

void reply_releasedir(fuse_req_t req, fuse_file_info *fi)
{
	delete reinterpret_cast<DirListing *>(fi->fh);
	fuse_reply_err(req, 0);
}

void reply_statfs(fuse_req_t req)
{
	struct statvfs st{};
	st.f_bsize = 4096;
	st.f_frsize = 4096;
	st.f_namemax = 255;
	fuse_reply_statfs(req, &st);
}

int run_session_mt(fuse_session *se, unsigned max_threads, unsigned idle_threads)
{
	fuse_loop_config *cfg = fuse_loop_cfg_create();
	fuse_loop_cfg_set_max_threads(cfg, max_threads);
	fuse_loop_cfg_set_idle_threads(cfg, idle_threads);
	fuse_loop_cfg_set_clone_fd(cfg, 0);
	int rc = fuse_session_loop_mt(se, cfg);
	fuse_loop_cfg_destroy(cfg);
	return rc;
}

} // namespace kplay::fuse
