using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.ComponentModel;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Attr = Terminal.Gui.Drawing.Attribute;

namespace TuiChat.Client.Tui;

/// <summary>
/// A titled side pane that lists view-model items, one coloured row each, and follows their
/// collection and their property changes. Enter, or the pane's mouse click, raises
/// <see cref="Chosen"/>. The list swallows every left-button event so that it never takes the
/// focus from the input line: the user clicks and goes on typing.
/// </summary>
internal abstract class ItemListPane<T> : FrameView where T : class, INotifyPropertyChanged
{
    private const MouseFlags LeftButton = MouseFlags.LeftButtonPressed | MouseFlags.LeftButtonReleased
        | MouseFlags.LeftButtonClicked | MouseFlags.LeftButtonDoubleClicked;

    private readonly MouseFlags _chooseOn;
    private readonly List<T> _shown = [];
    private ObservableCollection<T> _source = [];

    protected ItemListPane(string title, MouseFlags chooseOn)
    {
        Title = title;
        _chooseOn = chooseOn;
        List = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        List.RowRender += ColourRow;
        List.Accepting += (_, e) =>
        {
            e.Handled = true;
            RaiseChosen(List.SelectedItem);
        };
        List.MouseEvent += OnMouse;
        // Rows are fitted to the width (see Row): a new width lays them out again.
        List.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Width != RowWidth)
            {
                Refresh();
            }
        };
        Add(List);
    }

    /// <summary>The user picked an item with Enter or the mouse.</summary>
    public event EventHandler<T>? Chosen;

    /// <summary>Items in display order.</summary>
    public IReadOnlyList<T> Shown => _shown;

    protected ListView List { get; }

    protected IReadOnlyCollection<T> Source => _source;

    /// <summary>The columns a row has, as of the last <see cref="Refresh"/>.</summary>
    protected int RowWidth { get; private set; }

    /// <summary>The row of <paramref name="item"/>, or -1.</summary>
    protected int IndexOf(T item) => _shown.IndexOf(item);

    public void Bind(ObservableCollection<T> items)
    {
        _source.CollectionChanged -= OnItemsChanged;
        foreach (T item in _source)
        {
            item.PropertyChanged -= OnItemChanged;
        }
        _source = items;
        _source.CollectionChanged += OnItemsChanged;
        foreach (T item in _source)
        {
            item.PropertyChanged += OnItemChanged;
        }
        Refresh();
    }

    /// <summary>Rebuilds the rows from the bound items.</summary>
    protected virtual void Refresh()
    {
        RowWidth = List.Viewport.Width;
        _shown.Clear();
        _shown.AddRange(Order(_source));
        List.SetSource(new ObservableCollection<string>(_shown.Select(Row)));
    }

    protected abstract IEnumerable<T> Order(IEnumerable<T> items);

    /// <summary>The text of <paramref name="item"/>'s row, fitted to <see cref="RowWidth"/>.</summary>
    protected abstract string Row(T item);

    protected abstract Attr Colour(T item, Color background);

    /// <summary>Whether a change of this property alters the rows.</summary>
    protected virtual bool Matters(string? propertyName) => true;

    private void OnItemsChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        foreach (T item in e.OldItems ?? Array.Empty<T>())
        {
            item.PropertyChanged -= OnItemChanged;
        }
        foreach (T item in e.NewItems ?? Array.Empty<T>())
        {
            item.PropertyChanged += OnItemChanged;
        }
        Refresh();
    }

    private void OnItemChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (Matters(e.PropertyName))
        {
            Refresh();
        }
    }

    private void OnMouse(object? sender, Mouse mouse)
    {
        if ((mouse.Flags & LeftButton) == 0)
        {
            return;
        }
        mouse.Handled = true;
        if (mouse.Flags.HasFlag(_chooseOn) && mouse.Position is { } position)
        {
            RaiseChosen(List.Viewport.Y + position.Y);
        }
    }

    private void RaiseChosen(int? index)
    {
        if (index is { } i && i >= 0 && i < _shown.Count)
        {
            Chosen?.Invoke(this, _shown[i]);
        }
    }

    private void ColourRow(object? sender, ListViewRowEventArgs e)
    {
        if (e.Row >= 0 && e.Row < _shown.Count && e.Row != List.SelectedItem)
        {
            e.RowAttribute = Colour(_shown[e.Row], List.GetAttributeForRole(VisualRole.Normal).Background);
        }
    }
}
