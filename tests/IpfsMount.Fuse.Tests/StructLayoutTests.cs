// Checks the hand-written interop layouts against sizeof/offsetof printed by native/fuse_layout_probe.c.
using System.Runtime.InteropServices;
using IpfsMount.Fuse.Interop;

namespace IpfsMount.Fuse.Tests;

public sealed class StructLayoutTests
{
    private static readonly Lazy<Dictionary<string, long>> Probe = new(LoadProbe);

    private static Dictionary<string, long> LoadProbe()
    {
        var probe = System.IO.Path.Combine(RepoRoot.Path, "artifacts", "native", "fuse_layout_probe");
        var source = System.IO.Path.Combine(RepoRoot.Path, "native", "fuse_layout_probe.c");
        if (!File.Exists(probe) || File.GetLastWriteTimeUtc(probe) < File.GetLastWriteTimeUtc(source)) Shell.CheckAsync($"{RepoRoot.Path}/native/build.sh", TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        var output = Shell.CheckAsync(probe).GetAwaiter().GetResult();
        var result = new Dictionary<string, long>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            result[parts[0] + " " + parts[1]] = long.Parse(parts[2]);
        }
        return result;
    }

    private static long C(string key) => Probe.Value.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"probe printed no '{key}'");

    public static TheoryData<string, Type, string> Fields => new()
    {
        { "stat", typeof(Stat), "st_ino=Ino,st_mode=Mode,st_nlink=Nlink,st_uid=Uid,st_gid=Gid,st_size=Size,st_blksize=Blksize,st_blocks=Blocks,st_atim=AtimeSec,st_mtim=MtimeSec,st_ctim=CtimeSec" },
        { "fuse_entry_param", typeof(FuseEntryParam), "ino=Ino,generation=Generation,attr=Attr,attr_timeout=AttrTimeout,entry_timeout=EntryTimeout" },
        { "fuse_file_info", typeof(FuseFileInfo), "flags=Flags,fh=Fh,lock_owner=LockOwner,poll_events=PollEvents" },
        { "fuse_conn_info", typeof(FuseConnInfo), "proto_major=ProtoMajor,max_write=MaxWrite,max_read=MaxRead,max_readahead=MaxReadahead,capable=Capable,want=Want,max_background=MaxBackground,congestion_threshold=CongestionThreshold,time_gran=TimeGran" },
        { "fuse_lowlevel_ops", typeof(FuseLowLevelOps), "init=Init,lookup=Lookup,forget=Forget,getattr=Getattr,setattr=Setattr,readlink=Readlink,mknod=Mknod,mkdir=Mkdir,unlink=Unlink,rmdir=Rmdir,symlink=Symlink,rename=Rename,open=Open,read=Read,write=Write,release=Release,opendir=Opendir,readdir=Readdir,releasedir=Releasedir,statfs=Statfs,setxattr=Setxattr,getxattr=Getxattr,listxattr=Listxattr,removexattr=Removexattr,access=Access,create=Create,forget_multi=ForgetMulti,readdirplus=Readdirplus,lseek=Lseek,link=Link,flush=Flush,fsync=Fsync,fsyncdir=Fsyncdir,write_buf=WriteBuf,fallocate=Fallocate" },
        { "statvfs", typeof(StatVfs), "f_bsize=Bsize,f_frsize=Frsize,f_blocks=Blocks,f_files=Files,f_namemax=Namemax,f_bfree=Bfree,f_bavail=Bavail,f_ffree=Ffree,f_favail=Favail" },
        { "fuse_args", typeof(FuseArgs), "" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void The_csharp_struct_has_the_size_and_field_offsets_of_the_c_struct(string cName, Type type, string fields)
    {
        Assert.Equal(C($"sizeof {cName}"), Marshal.SizeOf(type));
        foreach (var pair in fields.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (c, cs) = (pair.Split('=')[0], pair.Split('=')[1]);
            Assert.True(C($"offsetof {cName}.{c}") == Marshal.OffsetOf(type, cs).ToInt64(), $"{cName}.{c} vs {type.Name}.{cs}");
        }
    }

    [Fact]
    public void The_flags_the_write_path_decodes_have_the_values_of_the_c_headers()
    {
        Assert.Equal((long)FuseVfsAdapter.SetMode, C("const FUSE_SET_ATTR_MODE"));
        Assert.Equal((long)FuseVfsAdapter.SetUid, C("const FUSE_SET_ATTR_UID"));
        Assert.Equal((long)FuseVfsAdapter.SetGid, C("const FUSE_SET_ATTR_GID"));
        Assert.Equal((long)FuseVfsAdapter.SetSize, C("const FUSE_SET_ATTR_SIZE"));
        Assert.Equal((long)FuseVfsAdapter.SetMtime, C("const FUSE_SET_ATTR_MTIME"));
        Assert.Equal((long)FuseVfsAdapter.SetMtimeNow, C("const FUSE_SET_ATTR_MTIME_NOW"));
        Assert.Equal((long)FuseVfsAdapter.OAccMode, C("const O_ACCMODE"));
        Assert.Equal((long)FuseVfsAdapter.OWriteOnly, C("const O_WRONLY"));
        Assert.Equal((long)FuseVfsAdapter.OReadWrite, C("const O_RDWR"));
        Assert.Equal((long)FuseVfsAdapter.OExclusive, C("const O_EXCL"));
        Assert.Equal((long)FuseVfsAdapter.OTrunc, C("const O_TRUNC"));
        Assert.Equal((long)FuseVfsAdapter.OAppend, C("const O_APPEND"));
        Assert.Equal((long)FuseVfsAdapter.RenameNoReplace, C("const RENAME_NOREPLACE"));
        Assert.Equal((long)FuseVfsAdapter.FileTypeMask, C("const S_IFMT"));
        Assert.Equal((long)FuseVfsAdapter.RegularType, C("const S_IFREG"));
    }

    [Fact]
    public void The_fuse_file_info_bitfield_masks_match_the_c_bitfields()
    {
        Assert.Equal((long)FuseFileInfo.DirectIoBit, C("bit fuse_file_info.direct_io"));
        Assert.Equal((long)FuseFileInfo.KeepCacheBit, C("bit fuse_file_info.keep_cache"));
        Assert.Equal((long)FuseFileInfo.CacheReaddirBit, C("bit fuse_file_info.cache_readdir"));
        Assert.Equal((long)FuseFileInfo.NoFlushBit, C("bit fuse_file_info.noflush"));
    }
}
