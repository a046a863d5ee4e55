// Synthesizes every example stack: `npm run synth` (cdktf synth runs this file through tsx).
import { App } from 'cdktf';
import { awsMultiTenantExample } from './aws-multi-tenant';
import { awsSageMakerStudioExample } from './aws-sagemaker-studio';
import { azureMlExample } from './azure-ml';
import { gcpVertexExample } from './gcp-vertex';
import { multiStackExample } from './multi-stack';

/** Builds every example into one App (outdir: cdktf.out unless given). */
export function buildExamples(outdir?: string): App {
  const app = new App(outdir ? { outdir } : {});
  awsSageMakerStudioExample(app);
  awsMultiTenantExample(app);
  gcpVertexExample(app);
  azureMlExample(app);
  multiStackExample(app);
  return app;
}

if (require.main === module) {
  buildExamples().synth();
}
