// One dag-pb link (https://ipld.io/specs/codecs/dag-pb/spec/#logical-format): target CID, optional name, optional Tsize.
namespace IpfsMount.Core;

public sealed record PbLink(Cid Hash, string? Name, ulong? Tsize);
