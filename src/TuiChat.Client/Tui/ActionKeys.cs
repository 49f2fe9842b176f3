using Terminal.Gui.Input;
using TuiChat.Client.Core.Settings;

namespace TuiChat.Client.Tui;

/// <summary>
/// The window's keys from <c>[keys]</c> (<see cref="Preferences.Keys"/>): which action a pressed
/// key stands for. Parsed once, and again when <c>/set keys.…</c> changes one.
/// </summary>
internal sealed class ActionKeys
{
    private readonly Preferences _preferences;
    private Dictionary<Key, string> _actions = [];

    public ActionKeys(Preferences preferences)
    {
        _preferences = preferences;
        Build();
        preferences.Changed += (_, key) =>
        {
            if (key.StartsWith("keys.", StringComparison.Ordinal))
            {
                Build();
            }
        };
    }

    /// <summary>Whether Terminal.Gui reads <paramref name="name"/> as a key ("Alt+A", "Ctrl+PageUp", "F2").</summary>
    public static bool IsKey(string name) => Key.TryParse(name, out _);

    /// <summary>The action bound to <paramref name="key"/>, or null.</summary>
    public string? ActionFor(Key key) => _actions.GetValueOrDefault(key);

    /// <summary>"Alt+CursorUp / Ctrl+P", for the help dialog.</summary>
    public string KeysOf(string action) => string.Join(" / ", _preferences.Keys.GetValueOrDefault(action) ?? []);

    private void Build()
    {
        var actions = new Dictionary<Key, string>();
        foreach ((string action, IReadOnlyList<string> names) in _preferences.Keys)
        {
            foreach (string name in names)
            {
                if (Key.TryParse(name, out Key? key))
                {
                    // A key bound twice does the first action in the catalog's order.
                    actions.TryAdd(key, action);
                }
            }
        }
        _actions = actions;
    }
}
