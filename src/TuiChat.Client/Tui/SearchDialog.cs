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
        Height = Dim.Auto(DimAutoStyle.Content, minimumContentDim: 3, maximumContentDim: Dim.Percent(80));
        SetScheme(Palette.Dialog());
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Auto(DimAutoStyle.Content, maximumContentDim: Dim.Percent(70)) };
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
