'use strict';
// A LoopBack 3 app as `lb app` scaffolds it (config.json, datasources.json with a memory
// datasource "db", model-config.json), booted by loopback-boot. The one addition is the test
// fixture's route POST /_ck/models: ConnectorKit's TCK defines its models at run time, so the
// fixture hands each model JSON to LoopBack 3's own registry (app.model), which exposes it under
// /api/<plural> exactly as a model file listed in model-config.json would be.
const loopback = require('loopback');
const boot = require('loopback-boot');

const app = (module.exports = loopback());

function readJson(req, callback) {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', chunk => (text += chunk));
  req.on('end', () => {
    try {
      callback(null, JSON.parse(text));
    } catch (err) {
      callback(err);
    }
  });
}

const served = new Map();

// Defines (or redefines) a model on the memory datasource "db" and empties it with LoopBack's
// automigrate, which also restarts the generated ids at 1. Answers the REST path LoopBack gives it.
app.post('/_ck/models', (req, res) => {
  readJson(req, (err, definition) => {
    if (err) {
      res.status(400).json({error: {message: String(err)}});
      return;
    }
    try {
      // The same JSON again only empties the model, so that LoopBack does not rebuild its REST
      // handler for every test.
      const key = JSON.stringify(definition);
      if (served.get(definition.name) === key) {
        const Existing = app.models[definition.name];
        app.dataSources.db.automigrate(Existing.modelName, migrateErr => {
          if (migrateErr) {
            res.status(500).json({error: {message: String(migrateErr)}});
            return;
          }
          res.json({name: Existing.modelName, path: Existing.sharedClass.http.path});
        });
        return;
      }
      const settings = Object.assign({base: 'PersistedModel'}, definition);
      const Model = loopback.createModel(settings);
      app.model(Model, {dataSource: 'db', public: true});
      served.set(definition.name, key);
      app.dataSources.db.automigrate(Model.modelName, migrateErr => {
        if (migrateErr) {
          res.status(500).json({error: {message: String(migrateErr)}});
          return;
        }
        res.json({name: Model.modelName, path: Model.sharedClass.http.path});
      });
    } catch (defineErr) {
      res.status(500).json({error: {message: String(defineErr.stack || defineErr)}});
    }
  });
});

boot(app, __dirname, err => {
  if (err) throw err;
  app.use(app.get('restApiRoot'), loopback.rest());
  const server = app.listen(app.get('port'), app.get('host'), () => {
    // The test fixture reads the port from this line.
    console.log('LISTENING ' + server.address().port);
  });
});
