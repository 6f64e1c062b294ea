/** Entry point of `cdk synth` / `cdk deploy` (see cdk.json). */
import { App } from 'aws-cdk-lib';
import { addBayuStacks } from './bayu-app.ts';

const app = new App();
addBayuStacks(app);
app.synth();
