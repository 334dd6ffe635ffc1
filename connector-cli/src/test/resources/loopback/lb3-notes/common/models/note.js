'use strict';

module.exports = function(Note) {

};
