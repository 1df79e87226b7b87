using Ich.InferenceService.Hosting;

InferenceServiceApp.Create(args).Run();
