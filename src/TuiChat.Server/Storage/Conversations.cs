using TuiChat.Protocol;

namespace TuiChat.Server.Storage;

/// <summary>History keys: a room by its case-folded name, a direct conversation by both users' keys, sorted.</summary>
public static class Conversations
{
    public static string Room(string room) => NameRules.Key(room);

    public static string Direct(string userA, string userB)
    {
        string a = NameRules.Key(userA), b = NameRules.Key(userB);
        return string.CompareOrdinal(a, b) <= 0 ? $"@{a}|{b}" : $"@{b}|{a}";
    }
}
