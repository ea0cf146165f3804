// The attributes one setattr changes (chmod, truncate, utimens); null leaves an attribute as it is.
namespace IpfsMount.Vfs;

/// <param name="Mode">new permission bits (0–07777).</param>
/// <param name="Size">new file length (truncate or extend with zeros).</param>
/// <param name="Mtime">new modification time.</param>
public readonly record struct VfsAttributeChanges(uint? Mode, long? Size, DateTimeOffset? Mtime);
