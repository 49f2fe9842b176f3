using TuiChat.Client.Core.Settings;

namespace TuiChat.Client.Core.ViewModels;

/// <summary><c>/set</c> and <c>/save-config</c>: the config file's settings, seen and changed from the input line.</summary>
internal sealed class SettingsCommands(ChatContext context)
{
    private ChatSettings Settings => context.Settings;

    /// <summary>
    /// <c>/set</c> lists every setting, <c>/set key</c> shows one (or every one of a section:
    /// <c>/set keys</c>), <c>/set key value</c> changes it for this session.
    /// </summary>
    public void Set(string? key, string value)
    {
        if (key is null)
        {
            Show(Settings.Catalog.All);
            return;
        }
        if (value.Length == 0)
        {
            Preference[] matching = Settings.Catalog.All.Where(p => p.Key == key || p.Section == key).ToArray();
            if (matching.Length == 0)
            {
                throw new ArgumentException($"{key}: unknown setting (/set lists them)");
            }
            Show(matching);
            return;
        }
        // Commands run on the UI thread, where the settings live.
        string? problem = Settings.Catalog.TrySetFromText(Settings.Preferences, key, value);
        context.Notice(problem is null
            ? PreferenceCatalog.Describe(Settings.Catalog.Find(key)!, Settings.Preferences) + " (for this session; /save-config keeps it)"
            : "error: " + problem);
    }

    /// <summary>Writes the settings changed this session into the config file.</summary>
    public void Save()
    {
        if (Settings.Store is not { } store)
        {
            throw new ArgumentException("this client has no config file to save to");
        }
        IReadOnlyList<string> written = store.Save(Settings.Preferences);
        context.Notice(written.Count == 0
            ? $"nothing changed since the start; {store.Path} left as it is"
            : $"saved {string.Join(", ", written)} to {store.Path}");
    }

    private void Show(IEnumerable<Preference> preferences)
    {
        foreach (Preference preference in preferences)
        {
            context.Notice(PreferenceCatalog.Describe(preference, Settings.Preferences));
        }
    }
}
