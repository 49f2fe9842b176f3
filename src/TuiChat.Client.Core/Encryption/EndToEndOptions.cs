namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// Turns on end-to-end encrypted direct messages for a registered account: where its keys live,
/// the password that unlocks the key file, and the Argon2id cost of a new key file.
/// </summary>
public sealed record EndToEndOptions(KeyFolder Folder, string Password)
{
    public Argon2Cost Cost { get; init; } = KeyFile.DefaultCost;
}
