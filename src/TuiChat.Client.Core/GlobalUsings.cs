// Every view-model derives from the toolkit's ObservableObject (source-generated properties).
global using CommunityToolkit.Mvvm.ComponentModel;
