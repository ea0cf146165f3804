// Read ceiling for bench-mount.sh: a minimal libfuse3 low-level file system serving one file, "data", from memory,
// with the cache settings of our mount (keep_cache, long timeouts, 1 MiB requests and read-ahead).
//   fuse_memfs <mountpoint> <size_mib> [read_ahead_kib]      (foreground; stop with fusermount3 -u)
// FUSE_MEMFS_STORE=1 also pushes the whole file into the page cache with notify_store on the first open (the
// "pre-referenced pages" experiment described in src/IpfsMount.Fuse/README.md).
#define FUSE_USE_VERSION 34
#include <fuse_lowlevel.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *content;
static size_t content_size;
static unsigned read_ahead_kib = 1024;
static struct fuse_session *session;
static int pushed;

static void attributes(fuse_ino_t ino, struct stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_ino = ino;
    if (ino == FUSE_ROOT_ID) {
        st->st_mode = S_IFDIR | 0755;
        st->st_nlink = 2;
    } else {
        st->st_mode = S_IFREG | 0444;
        st->st_nlink = 1;
        st->st_size = (off_t)content_size;
        st->st_blksize = 262144;
        st->st_blocks = (blkcnt_t)(content_size / 512);
    }
}

static void *push_all(void *unused)
{
    (void)unused;
    for (size_t offset = 0; offset < content_size; offset += 1 << 20) {
        size_t n = content_size - offset < (1 << 20) ? content_size - offset : (1 << 20);
        struct fuse_bufvec buffers = FUSE_BUFVEC_INIT(n);
        buffers.buf[0].mem = content + offset;
        if (fuse_lowlevel_notify_store(session, 2, (off_t)offset, &buffers, 0) != 0) break;
    }
    return NULL;
}

static void on_init(void *userdata, struct fuse_conn_info *conn)
{
    (void)userdata;
    conn->max_write = 1 << 20;
    conn->max_readahead = read_ahead_kib * 1024;
}

static void on_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    if (parent != FUSE_ROOT_ID || strcmp(name, "data") != 0) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    struct fuse_entry_param entry;
    memset(&entry, 0, sizeof entry);
    entry.ino = 2;
    entry.attr_timeout = entry.entry_timeout = 365.0 * 86400;
    attributes(2, &entry.attr);
    fuse_reply_entry(req, &entry);
}

static void on_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    (void)fi;
    struct stat st;
    attributes(ino, &st);
    fuse_reply_attr(req, &st, 365.0 * 86400);
}

static void on_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
    (void)ino;
    fi->keep_cache = 1;
    fuse_reply_open(req, fi);
    if (getenv("FUSE_MEMFS_STORE") && !__atomic_exchange_n(&pushed, 1, __ATOMIC_SEQ_CST)) {
        pthread_t pusher;
        if (pthread_create(&pusher, NULL, push_all, NULL) == 0) pthread_detach(pusher);
    }
}

static void on_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t offset, struct fuse_file_info *fi)
{
    (void)ino;
    (void)fi;
    if ((size_t)offset >= content_size) {
        fuse_reply_buf(req, NULL, 0);
        return;
    }
    if ((size_t)offset + size > content_size) size = content_size - (size_t)offset;
    fuse_reply_buf(req, content + offset, size);
}

static const struct fuse_lowlevel_ops operations = {
    .init = on_init, .lookup = on_lookup, .getattr = on_getattr, .open = on_open, .read = on_read,
};

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s <mountpoint> <size_mib> [read_ahead_kib]\n", argv[0]);
        return 2;
    }
    content_size = (size_t)strtoul(argv[2], NULL, 10) << 20;
    if (argc > 3) read_ahead_kib = (unsigned)strtoul(argv[3], NULL, 10);
    content = malloc(content_size);
    FILE *random = fopen("/dev/urandom", "r");
    if (!content || !random || fread(content, 1, content_size, random) != content_size) {
        fprintf(stderr, "cannot fill %zu bytes\n", content_size);
        return 1;
    }
    fclose(random);
    char *args_v[] = { argv[0], "-o", "fsname=fuse_memfs,default_permissions", NULL };
    struct fuse_args args = FUSE_ARGS_INIT(3, args_v);
    session = fuse_session_new(&args, &operations, sizeof operations, NULL);
    if (!session || fuse_session_mount(session, argv[1]) != 0) return 1;
    struct fuse_loop_config *config = fuse_loop_cfg_create();
    fuse_loop_cfg_set_max_threads(config, 8);
    int rc = fuse_session_loop_mt(session, config);
    fuse_loop_cfg_destroy(config);
    fuse_session_unmount(session);
    fuse_session_destroy(session);
    free(content);
    return rc == 0 ? 0 : 1;
}
