'use strict';
// A LoopBack 4 app in plain JavaScript (no TypeScript build): a RestApplication with a memory
// datasource "db". ConnectorKit's TCK defines its models at run time, so the test fixture's route
// POST /_ck/models builds each one the way `lb4 model` + `lb4 repository` + `lb4 rest-crud` code
// would: a model class from @loopback/repository's Entity and ModelDefinition, a
// DefaultCrudRepository on "db", and @loopback/rest-crud's CRUD controller under /api/<path>.
const {RestApplication} = require('@loopback/rest');
const {inject} = require('@loopback/core');
const {
  juggler,
  Entity,
  ModelDefinition,
  defineModelClass,
  defineCrudRepositoryClass,
} = require('@loopback/repository');
const {defineCrudRestController} = require('@loopback/rest-crud');

// ConnectorKit's model JSON is LoopBack 3's form: model settings at the top level, array types as
// ["string"]. LoopBack 4 keeps the settings under `settings` and types arrays with itemType.
function lb4Property(property) {
  const definition = typeof property === 'string' || Array.isArray(property) ? {type: property} : {...property};
  if (Array.isArray(definition.type)) {
    definition.itemType = definition.type[0];
    definition.type = 'array';
  }
  return definition;
}

function lb4Definition(json) {
  const {name, properties, relations, ...settings} = json;
  const lb4Properties = {};
  for (const [key, value] of Object.entries(properties || {})) {
    lb4Properties[key] = lb4Property(value);
  }
  return new ModelDefinition({name, properties: lb4Properties, settings});
}

async function main() {
  const app = new RestApplication({rest: {host: '127.0.0.1', port: 0}});
  const db = new juggler.DataSource({name: 'db', connector: 'memory'});

  // The definitions served, by model name: defining the same JSON again only empties the model, so
  // that LoopBack does not rebuild its routes and OpenAPI spec for every test.
  const served = new Map();

  async function define(json, path) {
    const key = JSON.stringify([json, path]);
    if (served.get(json.name) === key) {
      await db.automigrate(json.name);
      return {name: json.name, path: '/' + path};
    }
    // A LoopBack 4 app defines each model once; the TCK redefines a name with other properties, and
    // DefaultCrudRepository reuses a juggler model already known by that name, so forget it first.
    delete db.modelBuilder.models[json.name];
    delete db.modelBuilder.definitions[json.name];
    const Model = defineModelClass(Entity, lb4Definition(json));
    const Repository = defineCrudRepositoryClass(Model);
    const repositoryKey = 'repositories.' + Model.modelName + 'Repository';
    app.bind(repositoryKey).to(new Repository(db));
    const Controller = defineCrudRestController(Model, {basePath: '/api/' + path});
    inject(repositoryKey)(Controller, undefined, 0);
    app.controller(Controller, Model.modelName + 'Controller');
    // automigrate empties the model's collection and restarts its generated ids at 1.
    await db.automigrate(Model.modelName);
    served.set(json.name, key);
    return {name: Model.modelName, path: '/' + path};
  }

  app.route(
    'post',
    '/_ck/models',
    {
      'x-visibility': 'undocumented',
      requestBody: {
        required: true,
        content: {'application/json': {schema: {type: 'object', additionalProperties: true}}},
      },
      responses: {200: {description: 'the model is defined'}},
    },
    body => define(body.definition, body.path),
  );

  await app.start();
  // The test fixture reads the port from this line.
  console.log('LISTENING ' + new URL(app.restServer.url).port);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
