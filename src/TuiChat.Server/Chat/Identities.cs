using System.Security.Cryptography;
using TuiChat.Protocol;

namespace TuiChat.Server.Chat;

/// <summary>
/// Who owns a conversation. Names can be reused (a guest's name is free again when it leaves; a
/// room's or group's name when it ends), so history and files are keyed by identities:
/// a registered account is its folded name; a guest session and a room or group get a fresh,
/// unguessable identity when they begin, so a later holder of the same name is someone else.
/// Identities never leave the server.
/// </summary>
public static class Identities
{
    /// <summary>Starts every guest identity; user and room names cannot contain it.</summary>
    public const char GuestMark = '~';

    /// <summary>The identity of a registered account: its case-folded name, as in <c>accounts.user_key</c>.</summary>
    public static string Account(string name) => NameRules.Key(name);

    /// <summary>A new guest session: <c>~</c> and 64 random bits, unique across restarts.</summary>
    public static string NewGuest() => GuestMark + RandomHex();

    public static bool IsGuest(string identity) => identity.Length > 0 && identity[0] == GuestMark;

    /// <summary>
    /// A new room or group: its folded name, <c>~</c> and 64 random bits, so the history of an
    /// ended room with the same name stays out of reach (the name part only helps a human reading the database).
    /// </summary>
    public static string NewRoom(string name) => NameRules.Key(name) + GuestMark + RandomHex();

    private static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
