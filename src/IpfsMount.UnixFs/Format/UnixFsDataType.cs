// The UnixFS v1 `Data.DataType` enum (ipfs/specs UNIXFS.md, unixfs.proto): the kind of node a dag-pb block holds.
namespace IpfsMount.UnixFs;

/// <summary>UnixFS node type, with the wire values of unixfs.proto.</summary>
public enum UnixFsDataType
{
    Raw = 0,
    Directory = 1,
    File = 2,
    Metadata = 3,
    Symlink = 4,
    HamtShard = 5,
}
