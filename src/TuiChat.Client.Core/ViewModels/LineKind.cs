namespace TuiChat.Client.Core.ViewModels;

/// <summary>What a log line is, so a UI can colour it.</summary>
public enum LineKind
{
    /// <summary>Someone else's message.</summary>
    Chat,

    /// <summary>The user's own message.</summary>
    Own,

    /// <summary>Client or server notices: errors, command output, connection changes.</summary>
    System,

    /// <summary>Joins, leaves, kicks, invitations, topic changes.</summary>
    JoinLeave,

    /// <summary>Someone else's message that names the user.</summary>
    Mention,

    /// <summary>A file offered for download (<see cref="LogLine.File"/> is set).</summary>
    FileOffer,

    /// <summary>A security warning that must not be missed: a changed key, a refused encrypted message.</summary>
    Warning,
}
