namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// A file the server announced. <see cref="To"/> is the room/group it was sent to, or the recipient's
/// user name for a direct file. <see cref="Name"/> is already sanitised for display.
/// </summary>
public sealed record FileOffer(string FileId, string From, string To, string Name, long Size, string Sha256);
