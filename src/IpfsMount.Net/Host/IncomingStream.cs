// What a stream handler receives: the negotiated stream, the remote peer, the protocol and the connection.
using IpfsMount.Net.Identity;
using IpfsMount.Net.Yamux;

namespace IpfsMount.Net.Host;

/// <summary>A stream the remote opened, after protocol negotiation. The handler owns it; it is disposed when the handler's task ends.</summary>
public sealed record IncomingStream(YamuxStream Stream, PeerId RemotePeer, string Protocol, PeerConnection Connection);
