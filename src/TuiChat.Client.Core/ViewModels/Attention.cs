using System.ComponentModel;
using TuiChat.Client.Core.Settings;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>What the terminal is asked to do for one message: ring, and/or show a desktop notification.</summary>
/// <param name="Title">"TuiChat · @bob" or "TuiChat · #general": where it was said.</param>
/// <param name="Body">"bob: are you there?": who said what, on one line.</param>
public sealed record Alert(string Title, string Body, bool Bell, DesktopNotification Desktop);

/// <summary>
/// Decides when someone needs the user: a direct message or a highlight (own name or a
/// <c>[notify] highlight_words</c> word) that arrives live while its conversation is not on
/// screen, or while the terminal does not have the focus, raises <see cref="Alerted"/> with the
/// <c>[notify]</c> choices. Keeps the window title, "TuiChat · alice · 2!", with the number of
/// unread highlights. UI thread only.
/// </summary>
public sealed partial class Attention : ObservableObject
{
    private const int MaxBodyLength = 200;

    private readonly ChatContext _context;

    internal Attention(ChatContext context)
    {
        _context = context;
        context.Conversations.LineAdded += OnLineAdded;
        context.Conversations.PropertyChanged += OnListChanged;
        context.Settings.Preferences.Changed += (_, _) => UpdateTitle();
        WindowTitle = "TuiChat";
    }

    /// <summary>The terminal window has the focus (focus events, <c>ESC[?1004h</c>); true until the terminal says otherwise.</summary>
    public bool TerminalFocused { get; set; } = true;

    /// <summary>"TuiChat · alice", with " · 2!" while 2 highlights are unread.</summary>
    [ObservableProperty]
    public partial string WindowTitle { get; private set; }

    /// <summary>Someone needs the user; the client rings and notifies as the alert says.</summary>
    public event EventHandler<Alert>? Alerted;

    /// <summary>The user name is known once logged in.</summary>
    internal void UpdateTitle()
    {
        int highlights = _context.Conversations.Items.Sum(c => c.Highlights);
        string user = _context.UserName;
        WindowTitle = "TuiChat" + (string.IsNullOrEmpty(user) ? "" : " · " + user) + (highlights > 0 ? $" · {highlights}!" : "");
    }

    private void OnLineAdded(object? sender, LineAddedEventArgs e)
    {
        UpdateTitle();
        if (e.FromHistory || e.Conversation is not { } conversation || !ConversationList.IsHighlight(conversation, e.Line))
        {
            return;
        }
        bool onScreen = conversation == _context.Conversations.Selected && TerminalFocused;
        Preferences preferences = _context.Settings.Preferences;
        if (onScreen || !preferences.Bell && preferences.Desktop == DesktopNotification.Off)
        {
            return;
        }
        string body = OneLine(e.Line.Body);
        Alerted?.Invoke(this, new Alert("TuiChat · " + conversation.DisplayName,
            body.Length > MaxBodyLength ? body[..(MaxBodyLength - 1)] + "…" : body, preferences.Bell, preferences.Desktop));
    }

    private void OnListChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (e.PropertyName == nameof(ConversationList.Selected))
        {
            UpdateTitle();
        }
    }

    /// <summary>Line breaks and tabs become spaces: a notification is one line.</summary>
    private static string OneLine(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
}
