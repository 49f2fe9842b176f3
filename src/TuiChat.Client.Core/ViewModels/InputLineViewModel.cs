using System.Globalization;
using TuiChat.Client.Core.Commands;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Input;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// The input line: its text and cursor (<see cref="Buffer"/>), Enter (<see cref="SubmitAsync"/>),
/// the history of sent lines (Up/Down), Tab completion of user, room and command names, and the
/// byte counter that appears near the protocol's limit. A line over the limit is never sent nor
/// thrown away: it stays in the input with a notice. Call from the UI thread.
/// </summary>
public sealed class InputLineViewModel : ObservableObject
{
    private const int MaxHistory = 200;

    private readonly ChatViewModel _chat;
    /// <summary>The counter shows from this many bytes on (seven eighths of the limit).</summary>
    public const int CounterFrom = ProtocolLimits.MaxTextBytes / 8 * 7;

    private readonly List<string> _history = [];
    private string _notice = "";

    /// <summary>The <see cref="WhyNotNow"/> notice shown, so a change of circumstances can take it back; empty when none.</summary>
    private string _waitingNotice = "";

    /// <summary>Position while browsing history with Up/Down; equals the count when not browsing.</summary>
    private int _historyIndex;

    /// <summary>The completion in progress: text before the word, candidates, current index, and the text it produced.</summary>
    private (string Head, string[] Candidates, int Index, string Produced)? _completion;

    internal InputLineViewModel(ChatViewModel chat)
    {
        _chat = chat;
        Buffer.Changed += (_, _) => OnEdited();
    }

    /// <summary>The text being typed and its cursor; views edit it directly.</summary>
    public InputBuffer Buffer { get; } = new();

    /// <summary>The whole text (built on each read: for Enter, Tab and tests, not for every key).</summary>
    public string Text
    {
        get => Buffer.ToString();
        set => Buffer.SetText(value ?? "");
    }

    /// <summary>Ctrl+R: "/search " before what the input holds (words typed already are searched for), the cursor at the end.</summary>
    public void StartSearch()
    {
        const string search = "/search ";
        string text = Text;
        Text = text.StartsWith(search, StringComparison.Ordinal) ? text : search + text.TrimStart();
    }

    /// <summary>"3,712/4,096 bytes" near the limit, empty below it.</summary>
    public string Counter => Buffer.ByteCount < CounterFrom ? ""
        : string.Create(CultureInfo.InvariantCulture, $"{Buffer.ByteCount:N0}/{ProtocolLimits.MaxTextBytes:N0} bytes");

    public bool IsOverLimit => Buffer.ByteCount > ProtocolLimits.MaxTextBytes;

    /// <summary>Why the last Enter did not send, until the text changes; empty otherwise.</summary>
    public string Notice
    {
        get => _notice;
        private set => SetProperty(ref _notice, value);
    }

    /// <summary>Lines submitted so far, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>Enter: runs the line (command or message), remembers it, clears the input.</summary>
    public Task SubmitAsync()
    {
        if (IsOverLimit)
        {
            Notice = string.Create(CultureInfo.InvariantCulture,
                $"not sent: {Buffer.ByteCount - ProtocolLimits.MaxTextBytes:N0} bytes over the {ProtocolLimits.MaxTextBytes:N0}-byte limit; shorten it");
            return Task.CompletedTask;
        }
        string line = Text.Trim();
        if (line.Length > 0 && WhyNotNow(line) is { } why)
        {
            Notice = _waitingNotice = why;
            return Task.CompletedTask;
        }
        Text = "";
        _completion = null;
        if (line.Length == 0)
        {
            return Task.CompletedTask;
        }
        Remember(line);
        return RunAsync(line);
    }

    /// <summary>
    /// Esc: empties the input. What it held goes into the history first, so Up brings it back: a
    /// long draft is one stray Esc away from gone otherwise.
    /// </summary>
    public void Clear()
    {
        string draft = Text.Trim();
        Text = "";
        _completion = null;
        if (draft.Length > 0)
        {
            Remember(draft);
        }
    }

    private void Remember(string line)
    {
        if (_history.Count == 0 || _history[^1] != line)
        {
            _history.Add(line);
            if (_history.Count > MaxHistory)
            {
                _history.RemoveAt(0);
            }
        }
        _historyIndex = _history.Count;
    }

    /// <summary>
    /// The connection or the open conversation changed: a "not sent" notice that no longer holds
    /// goes (or says what still holds it back); the line stays for Enter to send. Other notices
    /// are about the text and stay until it changes.
    /// </summary>
    internal void OnCircumstancesChanged()
    {
        if (_notice.Length > 0 && _notice == _waitingNotice)
        {
            Notice = _waitingNotice = WhyNotNow(Text.Trim()) ?? "";
        }
    }

    /// <summary>
    /// Why the message <paramref name="line"/> cannot leave now though it could later, or null
    /// (also for a line that is no message): the client is not connected (a reconnect under way,
    /// after a server's shutdown too, or a refused re-login), or, for a line to the selected
    /// conversation, no conversation is open yet (typed while the first login was under way, or
    /// after the last one closed). Such a line stays in the input instead of becoming an error
    /// line, so Enter sends it once that is over. (Notices stay short: they take their width from
    /// the text field on the same row.)
    /// </summary>
    private string? WhyNotNow(string line)
    {
        CommandKind kind = CommandParser.Parse(line).Kind;
        if (!IsMessage(kind))
        {
            return null;
        }
        if (_chat.ConnectionStatus.IsBetweenSessions)
        {
            return "not sent: not connected";
        }
        // "/msg bob …" names its conversation; the others go to the selected one.
        return kind != CommandKind.Msg && _chat.Selected is null ? "not sent: no room open yet" : null;
    }

    /// <summary>
    /// Runs the line. A message that surely did not get through comes back into the input when
    /// nothing new was typed meanwhile, so nothing typed is lost and Enter sends it again: one the
    /// server could not store (<c>unavailable</c>: its database is down), one whose connection
    /// ended before it went out (Enter came just before the drop was known), or a <c>/msg</c> to a
    /// name that is nobody's (a typo to mend). The log's error line
    /// holds its text either way. One that went out unanswered stays gone: the server may have it.
    /// </summary>
    private async Task RunAsync(string line)
    {
        ChatRequestException? refused = await _chat.RunLineAsync(line).ConfigureAwait(false);
        string? notice = refused switch
        {
            { Code: ErrorCodes.Unavailable } => "not stored: Enter sends it again",
            { Code: ChatRequestException.Disconnected, Unanswered: false } when IsMessage(CommandParser.Parse(line).Kind)
                => "connection lost: Enter sends it again",
            // "/msg bbo …" with a mistyped name: back, to mend the name rather than type it all again.
            { Code: ErrorCodes.NoSuchUser } when CommandParser.Parse(line).Kind == CommandKind.Msg
                => "no such user: mend the name, Enter sends it",
            _ => null,
        };
        if (notice is null)
        {
            return;
        }
        _chat.Post(() =>
        {
            if (Text.Length == 0)
            {
                Text = line;
                Notice = notice;
            }
        });
    }

    /// <summary>A line that says something to someone: text, <c>/me</c>, <c>/msg</c>.</summary>
    private static bool IsMessage(CommandKind kind) => kind is CommandKind.Say or CommandKind.Me or CommandKind.Msg;

    /// <summary>
    /// Up: in an empty input (or while already browsing) shows the previous submitted line.
    /// Returns false (and leaves typed text alone) otherwise, so the view may use Up for scrolling.
    /// </summary>
    public bool RecallPrevious()
    {
        bool browsing = _historyIndex < _history.Count && Text == _history[_historyIndex];
        if (_history.Count == 0 || (Text.Length > 0 && !browsing))
        {
            return false;
        }
        if (!browsing)
        {
            _historyIndex = _history.Count;
        }
        if (_historyIndex == 0)
        {
            return true;
        }
        _historyIndex--;
        Text = _history[_historyIndex];
        return true;
    }

    /// <summary>Down while browsing: the next line, and an empty input after the newest.</summary>
    public bool RecallNext()
    {
        bool browsing = _historyIndex < _history.Count && Text == _history[_historyIndex];
        if (!browsing)
        {
            return false;
        }
        _historyIndex++;
        Text = _historyIndex < _history.Count ? _history[_historyIndex] : "";
        return true;
    }

    /// <summary>
    /// Tab: completes the last word as a command ("/jo" → "/join "), room or group ("#ga" →
    /// "#games "), or user name ("bo" → "bob "). Pressing Tab again cycles through the other
    /// matches. Returns false when nothing matches.
    /// </summary>
    public bool Complete()
    {
        if (_completion is { } running && running.Produced == Text)
        {
            int next = (running.Index + 1) % running.Candidates.Length;
            Apply(running.Head, running.Candidates, next);
            return true;
        }

        int start = Text.LastIndexOf(' ') + 1;
        string head = Text[..start];
        string word = Text[start..];
        if (word.Length == 0)
        {
            return false;
        }
        string[] candidates = Candidates(word, isFirstWord: start == 0)
            .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        if (candidates.Length == 0)
        {
            _completion = null;
            return false;
        }
        Apply(head, candidates, 0);
        return true;
    }

    /// <summary>The text changed: the counter may have moved, and an old notice no longer applies.</summary>
    private void OnEdited()
    {
        OnPropertyChanged(nameof(Counter));
        if (_notice.Length > 0 && !IsOverLimit)
        {
            Notice = "";
        }
    }

    private void Apply(string head, string[] candidates, int index)
    {
        Text = head + candidates[index] + " ";
        _completion = (head, candidates, index, Text);
    }

    private IEnumerable<string> Candidates(string word, bool isFirstWord)
    {
        if (word.StartsWith('/'))
        {
            return isFirstWord ? CommandTable.Names.Select(n => "/" + n) : [];
        }
        if (NameRules.IsRoomName(word))
        {
            return _chat.Conversations.Where(c => c.Kind != ConversationKind.Direct).Select(c => c.Name);
        }
        string bare = word.TrimStart('@');
        IEnumerable<string> users = _chat.KnownUserNames
            .Concat(_chat.Selected?.Members.Select(m => m.Name) ?? [])
            .Where(u => NameRules.Key(u) != NameRules.Key(_chat.UserName) || bare.Length > 0);
        return word.StartsWith('@') ? users.Select(u => "@" + u) : users;
    }
}
