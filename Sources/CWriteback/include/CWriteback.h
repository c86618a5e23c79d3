#ifndef CWRITEBACK_H
#define CWRITEBACK_H

/// Asks the kernel to start writing a range of a file to the disk now, without waiting for it:
/// Linux's `sync_file_range` with `SYNC_FILE_RANGE_WRITE`, which Swift's Glibc module does not
/// declare (a GNU extension). Returns 0, or -1 with `errno` set; does nothing elsewhere.
int cwriteback_start(int fd, long long offset, long long length);

#endif
