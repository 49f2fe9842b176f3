namespace TuiChat.Client.Core.ViewModels;

/// <summary>How much happened in a conversation while the user looked elsewhere, lowest first.</summary>
public enum ActivityLevel
{
    None,

    /// <summary>Only joins, leaves and topic changes.</summary>
    Events,

    /// <summary>Messages (or files) from others.</summary>
    Message,

    /// <summary>A message naming the user (or a highlight word), or a direct message.</summary>
    Highlight,
}
