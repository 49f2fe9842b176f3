using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// One line of a conversation's log, ready to show. <see cref="From"/> and <see cref="Text"/> are
/// sanitised (<see cref="TextSanitizer"/>); <see cref="MsgId"/> is set for server messages and files
/// and keeps history merges free of duplicates.
/// </summary>
public sealed record LogLine
{
    /// <summary>Text a user sends as <c>/me waves</c> travels as "/me waves" and shows as "* alice waves".</summary>
    public const string ActionPrefix = "/me ";

    public long? MsgId { get; init; }
    public required DateTimeOffset Time { get; init; }

    /// <summary>"HH:mm" in the user's local time zone.</summary>
    public required string TimeText { get; init; }

    public required LineKind Kind { get; init; }

    /// <summary>Sender of a message or file; null for notices.</summary>
    public string? From { get; init; }

    public required string Text { get; init; }

    /// <summary>A direct message stored while the user was offline.</summary>
    public bool Offline { get; init; }

    public FileOffer? File { get; init; }

    /// <summary>
    /// A notice (an IRC <c>NOTICE</c>, what bots send so that nothing answers it automatically):
    /// shown as "-feedbot- text", as IRC clients show one.
    /// </summary>
    public bool Notice { get; init; }

    /// <summary>A direct message that travelled in plain text while this client encrypts: shown as "[plain]".</summary>
    public bool Plain { get; init; }
    /// <summary>The user's own line on its way: shown at once, dimmed, until the server's <c>ok</c>.</summary>
    public bool Pending { get; init; }

    /// <summary>
    /// The user's own: a line they wrote or a file they offered, from this client or another of the
    /// account's. What the user sent is read: never unread, a highlight, or below the "new" marker.
    /// </summary>
    public bool Mine { get; init; }

    /// <summary>A message or a file someone else sent: it counts as unread until the user sees it.</summary>
    public bool CountsAsUnread => !Mine && Kind is LineKind.Chat or LineKind.Mention or LineKind.FileOffer;

    /// <summary>True for <c>/me</c> lines.</summary>
    public bool IsAction => From is not null && Text.StartsWith(ActionPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Where the sender's name starts in <see cref="Display"/> ("10:02 bob: hi" → 6), for a screen
    /// that colours names; null for a line that does not start with its sender (notices, files, warnings).
    /// </summary>
    public int? SenderAt => From is null || Kind is LineKind.FileOffer or LineKind.Warning or LineKind.System or LineKind.JoinLeave
        ? null
        : TimeText.Length + 1 + Marks.Length + (IsAction ? 2 : Notice ? 1 : 0);

    /// <summary>The whole line as both UIs print it, e.g. "10:02 alice: hi" or "10:03 * carol joined #general".</summary>
    public string Display => TimeText + " " + Body;

    /// <summary>"[offline] " and "[plain] " before the sender, when they apply.</summary>
    private string Marks => (Offline ? "[offline] " : "") + (Plain ? "[plain] " : "");

    /// <summary>The line without its time.</summary>
    public string Body
    {
        get
        {
            string offline = Marks;
            return Kind switch
            {
                LineKind.FileOffer when File is { } f =>
                    $"{offline}{f.From} sent {f.Name} ({SizeText.Format(f.Size)}) · /save {f.FileId}",
                LineKind.JoinLeave => "* " + Text,
                LineKind.System => "- " + Text,
                LineKind.Warning => "!! " + Text,
                _ when IsAction => $"{offline}* {From} {Text[ActionPrefix.Length..]}",
                _ when Notice => $"{offline}-{From}- {Text}",
                _ => $"{offline}{From}: {Text}",
            };
        }
    }
}
