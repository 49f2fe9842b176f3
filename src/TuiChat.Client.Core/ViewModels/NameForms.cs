using TuiChat.Protocol;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>How users may type names: "general" for "#general", "team" for "+team", "@bob" for "bob".</summary>
public static class NameForms
{
    /// <summary>A room or group name with its prefix; a bare name gets <paramref name="prefix"/>.</summary>
    public static string WithPrefix(string name, char prefix) => NameRules.IsRoomName(name) ? name : prefix + name;

    /// <summary>A user name without a leading "@".</summary>
    public static string StripAt(string name) => name.StartsWith('@') ? name[1..] : name;
}
