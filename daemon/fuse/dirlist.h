// Replies shared by kplay's FUSE servers (the mounted trees and kplay
// shell's merged views): directory listings -- a snapshot taken at opendir,
// served to readdir in pieces the caller's buffer holds, freed at
// releasedir -- and the statfs answer of a pseudo file system; and the
// multi-threaded session loop they all run.
#pragma once

#define FUSE_USE_VERSION 314
#include <fuse_lowlevel.h>

#include <sys/stat.h>

#include <string>
#include <utility>
#include <vector>

namespace kplay::fuse {

struct DirListing {
	std::vector<std::pair<std::string, struct stat>> entries;
};

/// Replies to OPENDIR with the listing as the handle (freed if the reply fails).
void reply_opendir(fuse_req_t req, fuse_file_info *fi, DirListing *listing);
/// READDIR: the entries from `off` that fit in `size` bytes.
void reply_readdir(fuse_req_t req, size_t size, off_t off, fuse_file_info *fi);
/// RELEASEDIR: frees the listing.
void reply_releasedir(fuse_req_t req, fuse_file_info *fi);
/// STATFS of a file system without blocks (as procfs and sysfs report).
void reply_statfs(fuse_req_t req);
/// Serves se with worker threads (one fd, no clone_fd) until it ends:
/// up to max_threads at once, idle_threads kept waiting. The result of
/// fuse_session_loop_mt.
int run_session_mt(fuse_session *se, unsigned max_threads, unsigned idle_threads);

} // namespace kplay::fuse
