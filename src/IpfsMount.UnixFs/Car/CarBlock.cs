// One block of a CAR data payload: its CID and its (verified) bytes.
using IpfsMount.Core;

namespace IpfsMount.UnixFs.Car;

public readonly record struct CarBlock(Cid Cid, ReadOnlyMemory<byte> Data);
