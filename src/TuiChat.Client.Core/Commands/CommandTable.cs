using System.Collections.Frozen;

namespace TuiChat.Client.Core.Commands;

/// <summary>Every input-line command, in the order <c>/help</c> lists them. Parsing and help come from here.</summary>
public static class CommandTable
{
    public static IReadOnlyList<CommandInfo> All { get; } =
    [
        new(CommandKind.Join, "join", "/join #room", "join (or create) a public room", RequiredWords: 1),
        new(CommandKind.Leave, "leave", "/leave [#room]", "leave the selected room (or the one named)", OptionalWords: 1, Aliases: "part"),
        new(CommandKind.Close, "close", "/close [name]", "close the selected conversation (or the one named); leaves a room you are in", OptionalWords: 1),
        new(CommandKind.Msg, "msg", "/msg user text", "send a private message and open @user", RequiredWords: 1, TakesText: true, TextRequired: true),
        new(CommandKind.Create, "create", "/create +group user1 user2", "create a private group with these members", RequiredWords: 1, TakesText: true),
        new(CommandKind.Invite, "invite", "/invite user", "add a user to the selected group", RequiredWords: 1),
        new(CommandKind.Kick, "kick", "/kick user [reason]", "remove a user from the selected room or group (operator or admin), telling why", RequiredWords: 1, TakesText: true),
        new(CommandKind.Topic, "topic", "/topic [#room] [text]", "set the topic of the selected room (or the one named); no text: show it", TakesText: true),
        new(CommandKind.File, "file", "/file path", "send a file to the selected conversation", TakesText: true, TextRequired: true),
        new(CommandKind.Save, "save", "/save [fileId] [name]", "save a received file into the downloads folder (no fileId: the newest one here)", OptionalWords: 2),
        new(CommandKind.Verify, "verify", "/verify user [confirm]", "show the safety number you share with user; confirm marks it verified", RequiredWords: 1, OptionalWords: 1),
        new(CommandKind.Trust, "trust", "/trust user", "accept user's changed encryption key (compare /verify user first)", RequiredWords: 1),
        new(CommandKind.Users, "users", "/users", "list the users online", Aliases: "who"),
        new(CommandKind.Rooms, "rooms", "/rooms", "list rooms and your groups", Aliases: "list"),
        new(CommandKind.Me, "me", "/me action", "describe an action: * alice waves", TakesText: true, TextRequired: true),
        new(CommandKind.Shutdown, "shutdown", "/shutdown reason", "stop the server (admin only)", TakesText: true),
        new(CommandKind.Reconnect, "reconnect", "/reconnect", "connect to the server again now (also after it shut down)"),
        new(CommandKind.Quit, "quit", "/quit", "leave TuiChat", TakesText: true, Aliases: ["sair", "exit"]),
        new(CommandKind.Set, "set", "/set [key [value]]", "show the settings, one setting, or change one for this session (/save-config keeps it)", OptionalWords: 1, TakesText: true),
        new(CommandKind.SaveConfig, "save-config", "/save-config", "write the settings changed with /set into the config file"),
        new(CommandKind.Ignore, "ignore", "/ignore [user]", "hide user's messages and files in this client, kept in the config file (no user: the list)", OptionalWords: 1),
        new(CommandKind.Unignore, "unignore", "/unignore user", "show user's messages again", RequiredWords: 1),
        new(CommandKind.Away, "away", "/away [text]", "mark yourself away with text (others see it; no text: back)", TakesText: true),
        new(CommandKind.Whois, "whois", "/whois user", "show who user is: role, online or last seen, away text, rooms you share", RequiredWords: 1),
        new(CommandKind.Search, "search", "/search words", "search the history you may read, newest first (/search more: older results)", TakesText: true, TextRequired: true),
        new(CommandKind.Help, "help", "/help", "show this help", Aliases: "?"),
    ];

    private static readonly FrozenDictionary<string, CommandInfo> ByName = All
        .SelectMany(c => c.Aliases.Prepend(c.Name).Select(name => (name, c)))
        .ToFrozenDictionary(p => p.name, p => p.c, StringComparer.OrdinalIgnoreCase);

    /// <summary>Command names and aliases, for tab completion.</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    public static CommandInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>One line per command: "/join #room — join (or create) a public room".</summary>
    public static IReadOnlyList<string> HelpLines { get; } = All
        .Select(c => c.Usage + " — " + c.Help + (c.Aliases.Length == 0 ? "" : " (also /" + string.Join(", /", c.Aliases) + ")"))
        .Prepend("Type text and Enter to send it to the selected conversation. Commands:")
        .ToArray();
}
