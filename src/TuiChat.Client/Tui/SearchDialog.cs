using System.Collections.ObjectModel;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// A page of /search results to pick from: Enter (or a double click) opens the conversation at
/// that message, Esc closes. The results also stay in the log as notices.
/// </summary>
internal sealed class SearchDialog : Dialog
{
    private readonly IReadOnlyList<SearchHit> _hits;
    private readonly ListView _list;

    private SearchDialog(IReadOnlyList<SearchHit> hits)
    {
        _hits = hits;
        Title = "Search results · Enter opens · Esc closes";
        Width = Dim.Percent(90);
        // One row per result, the frame included up to 80 % of the screen; the list fills what the
        // dialog got and scrolls the rest. (A list sized by Dim.Auto was measured before its rows
        // were there: two rows showed, however many results.)
        Height = Dim.Auto(DimAutoStyle.Content, minimumContentDim: Math.Max(1, hits.Count), maximumContentDim: Dim.Percent(80) - 2);
        SetScheme(Palette.Dialog());
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        _list.SetSource(new ObservableCollection<string>(hits.Select(h => ScreenText.Line(h.Display))));
        // A list starts with no row selected: Enter would choose nothing and only close.
        _list.SelectedItem = hits.Count > 0 ? 0 : null;
        _list.Accepting += (_, e) =>
        {
            e.Handled = true;
            Choose();
        };
        Add(_list);
        KeyDown += (_, key) =>
        {
            if (key == Key.Esc)
            {
                key.Handled = true;
                RequestStop();
            }
        };
    }

    /// <summary>The result chosen, when one was.</summary>
    public SearchHit? Chosen { get; private set; }

    /// <summary>Shows the results modally; the one the user opened, or null.</summary>
    public static SearchHit? Choose(IApplication app, IReadOnlyList<SearchHit> hits)
    {
        using var dialog = new SearchDialog(hits);
        app.Run(dialog);
        return dialog.Chosen;
    }

    private void Choose()
    {
        if (_list.SelectedItem is { } row && row >= 0 && row < _hits.Count)
        {
            Chosen = _hits[row];
        }
        RequestStop();
    }
}
