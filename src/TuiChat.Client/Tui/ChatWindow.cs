using System.ComponentModel;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core.Settings;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// The full-screen layout over a <see cref="ChatViewModel"/>: rooms | log | users, the input line
/// and the status line. It only wires keys, mouse and panes to the view-model; all chat logic
/// lives in Client.Core. Keys are listed for the user in <see cref="KeyHelp"/>.
/// </summary>
internal sealed class ChatWindow : Window
{
    private readonly IApplication _app;
    private readonly ChatViewModel _chat;
    private readonly ActionKeys _keys;

    public ChatWindow(IApplication app, ChatViewModel chat)
    {
        _app = app;
        _chat = chat;
        _keys = new ActionKeys(chat.Preferences);
        Palette.NickColoursShown = () => chat.Preferences.NickColours;
        Title = "TuiChat";
        BorderStyle = Terminal.Gui.Drawing.LineStyle.None;

        Input = new InputLine(chat.Input) { X = 0, Width = Dim.Fill() };
        Input.Field.MoreInputWaiting = PendingInput.Of(app);
        // The input grows upwards with its text (1 to 5 rows); the panes end above it.
        Input.Y = Pos.Func(_ => Viewport.Height - 1 - Input.Field.VisibleRows);
        Dim belowPanes = Dim.Func(_ => Input.Field.VisibleRows + 1);
        Rooms = new RoomsPane { X = 0, Y = 0, Height = Dim.Fill(belowPanes) };
        Users = new UsersPane { X = Pos.AnchorEnd(), Y = 0, Height = Dim.Fill(belowPanes) };
        Log = new MessageLogPane(() => chat.UserName) { X = Pos.Right(Rooms), Y = 0, Height = Dim.Fill(belowPanes) };
        Status = new Label { X = 1, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
        // Widths are computed from the window each layout pass. The log's is not Dim.Fill minus
        // Dim.Width(Users): the log may be laid out before the users pane and would use its old width.
        Rooms.Width = Dim.Func(_ => RoomsWidth);
        Users.Width = Dim.Func(_ => UsersWidth);
        Log.Width = Dim.Func(_ => Math.Max(10, Viewport.Width - RoomsWidth - UsersWidth));
        // Frames are tab groups by default (reached with F6); in a chat Tab should visit every pane.
        foreach (View pane in new View[] { Rooms, Log, Users, Input })
        {
            pane.TabStop = TabBehavior.TabStop;
        }
        Add(Rooms, Log, Users, Input, Status);

        Rooms.Bind(chat.Conversations);
        Rooms.Chosen += (_, conversation) =>
        {
            _chat.Select(conversation);
            Input.FocusInput();
        };
        Users.Chosen += (_, member) =>
        {
            if (!member.IsSelf)
            {
                _chat.OpenDirect(member.Name);
            }
            Input.FocusInput();
        };
        Log.OlderHistoryWanted += (_, conversation) => _ = _chat.LoadOlderAsync(conversation);

        _chat.PropertyChanged += OnChatChanged;
        _chat.QuitRequested += (_, _) => RequestStop();
        _chat.SearchResultsShown += OnSearchResults;
        ShowSelected();
        ShowStatus();

        _app.Keyboard.KeyDown += OnGlobalKey;
        _app.Paste += OnPaste;
        Initialized += (_, _) => Input.FocusInput();
    }

    public RoomsPane Rooms { get; }

    /// <summary>Side panes take a share of the width, within limits, so the log keeps most of it at 80 columns.</summary>
    private int RoomsWidth => Math.Clamp(Viewport.Width / 7, 12, 22);

    private int UsersWidth => Math.Clamp(Viewport.Width / 6, 14, 24);

    public MessageLogPane Log { get; }

    public UsersPane Users { get; }

    public InputLine Input { get; }

    public Label Status { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Keyboard.KeyDown -= OnGlobalKey;
            _app.Paste -= OnPaste;
            _chat.PropertyChanged -= OnChatChanged;
            _chat.SearchResultsShown -= OnSearchResults;
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// Keys that work wherever the focus is. The application sees a key before the focused view,
    /// so these win over the panes' own bindings.
    /// </summary>
    private void OnGlobalKey(object? sender, Key key)
    {
        if (!IsCurrentTop)
        {
            return; // a dialog is open: its keys are its own
        }
        switch (_keys.ActionFor(key))
        {
            case KeyActions.Help:
                HelpDialog.Show(_app);
                break;
            case KeyActions.Save:
                _ = _chat.ExecuteAsync("/save");
                break;
            case KeyActions.Previous:
                _chat.SelectPrevious();
                break;
            case KeyActions.Next:
                _chat.SelectNext();
                break;
            case KeyActions.PageUp:
                Log.ScrollPages(-1);
                break;
            case KeyActions.PageDown:
                Log.ScrollPages(+1);
                break;
            case KeyActions.Bottom:
                if (!Log.JumpToBottom())
                {
                    return; // already at the bottom: End stays the input line's "end of line"
                }
                break;
            case KeyActions.Redraw:
                // Repaint every cell: whatever another program or a glitch left on the terminal goes.
                _app.LayoutAndDraw(true);
                break;
            case KeyActions.Quit:
                RequestStop();
                break;
            case KeyActions.NextActivity:
                _chat.SelectNextActive();
                break;
            case KeyActions.Search:
                _chat.Input.StartSearch();
                Input.FocusInput();
                break;
            case { } action when KeyActions.JumpPosition(action) is { } position:
                _chat.SelectPosition(position);
                break;
            default:
                TypeIntoInput(key);
                return;
        }
        key.Handled = true;
    }

    /// <summary>Typing while a side pane has the focus: the text belongs in the input line.</summary>
    private void TypeIntoInput(Key key)
    {
        if (!Input.Field.HasFocus && key.AsRune.Value >= ' ' && !key.IsCtrl && !key.IsAlt)
        {
            Input.FocusInput();
            Input.Field.Paste(key.AsRune.ToString());
            key.Handled = true;
        }
    }

    /// <summary>A bracketed paste goes into the input line, whichever pane has the focus.</summary>
    private void OnPaste(object? sender, PasteEventArgs e)
    {
        // Wherever it goes, the terminal has shown it brackets pastes: from now on every Enter key was typed.
        Input.Field.Enter.BracketedPasteSeen();
        if (!IsCurrentTop)
        {
            return;
        }
        Input.FocusInput();
        Input.Field.Paste(e.Text);
        e.Handled = true;
    }

    /// <summary>A page of /search results: listed in a dialog, Enter opens one where it was said.</summary>
    private void OnSearchResults(object? sender, IReadOnlyList<SearchHit> hits)
    {
        if (hits.Count == 0)
        {
            return;
        }
        // On the loop's next turn, not inside the view-model's update: the dialog runs its own loop.
        _app.Invoke(() =>
        {
            if (!IsCurrentTop)
            {
                return;
            }
            if (SearchDialog.Choose(_app, hits) is { } chosen)
            {
                _ = _chat.OpenSearchHitAsync(chosen);
            }
            Input.FocusInput();
        });
    }

    private void OnChatChanged(object? sender, PropertyChangedEventArgs e)
    {
        switch (e.PropertyName)
        {
            case nameof(ChatViewModel.Selected):
                ShowSelected();
                break;
            case nameof(ChatViewModel.StatusText):
            case nameof(ChatViewModel.ConnectionStatus):
                ShowStatus();
                break;
        }
    }

    private void ShowSelected()
    {
        ConversationViewModel? selected = _chat.Selected;
        Log.Show(selected);
        Users.Bind(selected?.Members ?? []);
        Rooms.Select(selected);
    }

    private void ShowStatus()
    {
        Status.Text = ScreenText.Line(_chat.StatusText);
        bool healthy = _chat.ConnectionStatus.State == Core.Connection.ConnectionState.Connected;
        Status.SetScheme(new Terminal.Gui.Drawing.Scheme(
            Palette.ForStatus(healthy, GetAttributeForRole(Terminal.Gui.Drawing.VisualRole.Normal).Background)));
    }
}
