namespace TuiChat.Client.Core.Commands;

public enum CommandKind
{
    /// <summary>Plain text for the selected conversation.</summary>
    Say,
    Join,
    Leave,
    Close,
    Msg,
    Create,
    Invite,
    Kick,
    Topic,
    File,
    Save,
    Verify,
    Trust,
    Users,
    Rooms,
    Me,
    Shutdown,
    Reconnect,
    Quit,
    Help,
    Set,
    SaveConfig,
    Ignore,
    Unignore,

    /// <summary>A known command with wrong arguments: <see cref="ParsedCommand.Error"/> says why.</summary>
    Invalid,

    /// <summary>A <c>/word</c> no command answers to.</summary>
    Unknown,
}
