/* fuse_layout_probe: prints sizeof/offsetof of the libfuse3 structs IpfsMount.Fuse lays out by hand,
   so tests/IpfsMount.Fuse.Tests can check the C# layouts against the real headers (libfuse 3.14, x86-64). */
#define FUSE_USE_VERSION 314
#include <fuse_lowlevel.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <linux/fs.h>

#define SZ(t) printf("sizeof %s %zu\n", #t, sizeof(struct t))
#define OFF(t, f) printf("offsetof %s.%s %zu\n", #t, #f, offsetof(struct t, f))

int main(void)
{
    struct fuse_file_info fi = {0};
    SZ(stat);
    OFF(stat, st_ino); OFF(stat, st_mode); OFF(stat, st_nlink); OFF(stat, st_uid); OFF(stat, st_gid);
    OFF(stat, st_size); OFF(stat, st_blksize); OFF(stat, st_blocks);
    OFF(stat, st_atim); OFF(stat, st_mtim); OFF(stat, st_ctim);
    SZ(fuse_entry_param);
    OFF(fuse_entry_param, ino); OFF(fuse_entry_param, generation); OFF(fuse_entry_param, attr);
    OFF(fuse_entry_param, attr_timeout); OFF(fuse_entry_param, entry_timeout);
    SZ(fuse_file_info);
    OFF(fuse_file_info, flags); OFF(fuse_file_info, fh); OFF(fuse_file_info, lock_owner);
    OFF(fuse_file_info, poll_events);
    /* bit positions inside the word after flags */
    fi.direct_io = 1; printf("bit fuse_file_info.direct_io %u\n", *((unsigned *)&fi + 1));
    fi.direct_io = 0; fi.keep_cache = 1; printf("bit fuse_file_info.keep_cache %u\n", *((unsigned *)&fi + 1));
    fi.keep_cache = 0; fi.cache_readdir = 1; printf("bit fuse_file_info.cache_readdir %u\n", *((unsigned *)&fi + 1));
    fi.cache_readdir = 0; fi.noflush = 1; printf("bit fuse_file_info.noflush %u\n", *((unsigned *)&fi + 1));
    SZ(fuse_conn_info);
    OFF(fuse_conn_info, proto_major); OFF(fuse_conn_info, max_write); OFF(fuse_conn_info, max_read);
    OFF(fuse_conn_info, max_readahead); OFF(fuse_conn_info, capable); OFF(fuse_conn_info, want);
    OFF(fuse_conn_info, max_background); OFF(fuse_conn_info, congestion_threshold);
    OFF(fuse_conn_info, time_gran);
    SZ(fuse_lowlevel_ops);
    OFF(fuse_lowlevel_ops, init); OFF(fuse_lowlevel_ops, lookup); OFF(fuse_lowlevel_ops, forget);
    OFF(fuse_lowlevel_ops, getattr); OFF(fuse_lowlevel_ops, setattr); OFF(fuse_lowlevel_ops, readlink);
    OFF(fuse_lowlevel_ops, mknod); OFF(fuse_lowlevel_ops, mkdir); OFF(fuse_lowlevel_ops, unlink);
    OFF(fuse_lowlevel_ops, rmdir); OFF(fuse_lowlevel_ops, symlink); OFF(fuse_lowlevel_ops, rename);
    OFF(fuse_lowlevel_ops, open); OFF(fuse_lowlevel_ops, read); OFF(fuse_lowlevel_ops, write);
    OFF(fuse_lowlevel_ops, release); OFF(fuse_lowlevel_ops, opendir); OFF(fuse_lowlevel_ops, readdir);
    OFF(fuse_lowlevel_ops, releasedir); OFF(fuse_lowlevel_ops, statfs); OFF(fuse_lowlevel_ops, setxattr);
    OFF(fuse_lowlevel_ops, getxattr); OFF(fuse_lowlevel_ops, listxattr); OFF(fuse_lowlevel_ops, removexattr);
    OFF(fuse_lowlevel_ops, access); OFF(fuse_lowlevel_ops, create); OFF(fuse_lowlevel_ops, forget_multi);
    OFF(fuse_lowlevel_ops, readdirplus); OFF(fuse_lowlevel_ops, lseek);
    OFF(fuse_lowlevel_ops, link); OFF(fuse_lowlevel_ops, flush); OFF(fuse_lowlevel_ops, fsync);
    OFF(fuse_lowlevel_ops, fsyncdir); OFF(fuse_lowlevel_ops, write_buf); OFF(fuse_lowlevel_ops, fallocate);
    /* the constants the write path decodes */
    printf("const FUSE_SET_ATTR_MODE %d\n", FUSE_SET_ATTR_MODE); printf("const FUSE_SET_ATTR_UID %d\n", FUSE_SET_ATTR_UID);
    printf("const FUSE_SET_ATTR_GID %d\n", FUSE_SET_ATTR_GID); printf("const FUSE_SET_ATTR_SIZE %d\n", FUSE_SET_ATTR_SIZE);
    printf("const FUSE_SET_ATTR_MTIME %d\n", FUSE_SET_ATTR_MTIME); printf("const FUSE_SET_ATTR_MTIME_NOW %d\n", FUSE_SET_ATTR_MTIME_NOW);
    printf("const O_ACCMODE %d\n", O_ACCMODE); printf("const O_WRONLY %d\n", O_WRONLY); printf("const O_RDWR %d\n", O_RDWR);
    printf("const O_EXCL %d\n", O_EXCL); printf("const O_TRUNC %d\n", O_TRUNC); printf("const O_APPEND %d\n", O_APPEND);
    printf("const RENAME_NOREPLACE %d\n", RENAME_NOREPLACE); printf("const S_IFMT %d\n", S_IFMT); printf("const S_IFREG %d\n", S_IFREG);
    SZ(statvfs);
    OFF(statvfs, f_bsize); OFF(statvfs, f_frsize); OFF(statvfs, f_blocks); OFF(statvfs, f_files);
    OFF(statvfs, f_namemax); OFF(statvfs, f_bfree); OFF(statvfs, f_bavail); OFF(statvfs, f_ffree); OFF(statvfs, f_favail);
    SZ(fuse_args);
    return 0;
}
