// One encoded, hashed and stored leaf, as the leaf pipeline hands it to the layout in file order.
namespace IpfsMount.UnixFs;

/// <summary>A stored leaf; <see cref="FirstChunk"/> keeps the first chunk's bytes when a lone leaf may need rewriting.</summary>
internal sealed record LeafResult(FileChild Child, byte[]? FirstChunk);
